#!/usr/bin/env bash
# Audit render-cache benchmark: generates repos of plain, Kustomize and Helm apps, audits them twice
# with one fresh cache dir, and prints the second run's wall time as a ratio of the first
# (target <= 0.20). Usage: bench/audit/run.sh [repos] [apps-per-repo]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
./scripts/install-tools.sh >/dev/null
export GUARDRAILS_TOOLS_DIR="$ROOT/tools"
mvn -B -q -pl scanner test-compile
mvn -B -q -pl scanner dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
CP="scanner/target/classes:scanner/target/test-classes:$(cat scanner/target/bench.classpath)"
exec java -Xmx2g -cp "$CP" dev.guardrails.scanner.audit.AuditCacheBenchmark "${1:-8}" "${2:-12}"
