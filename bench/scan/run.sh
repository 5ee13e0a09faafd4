#!/usr/bin/env bash
# Scan benchmark: generates a repo (default 60 apps x 40 objects = 2,400 objects), renders it with
# the real helm/kustomize, then reports parse+check throughput and its ratio to render time.
# Usage: bench/scan/run.sh [apps] [iterations]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
./scripts/install-tools.sh >/dev/null
export GUARDRAILS_TOOLS_DIR="$ROOT/tools"
mvn -B -q -pl scanner test-compile
mvn -B -q -pl scanner dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
CP="scanner/target/classes:scanner/target/test-classes:$(cat scanner/target/bench.classpath)"
exec java -Xmx2g -cp "$CP" dev.guardrails.scanner.bench.ScanBenchmark "${1:-60}" "${2:-10}"
