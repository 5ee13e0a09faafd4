#!/usr/bin/env bash
# What suggested changes cost a PR review: the same review (plain apps, a Helm chart with a prod
# variant, a Kustomize overlay with a sidecar patch; real git, helm and kubectl, forge stubbed by
# WireMock) with suggestions off and on, alternately; prints the median wall times and their ratio.
# Usage: bench/review-suggestions/run.sh [rounds] [plainApps]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
./scripts/install-tools.sh >/dev/null
export GUARDRAILS_TOOLS_DIR="$ROOT/tools" LC_ALL=C.UTF-8
mvn -B -o -q -pl plugin -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
CP="plugin/target/classes:plugin/target/test-classes:$(cat plugin/target/bench.classpath)"
exec timeout 900 java -Xmx1g -cp "$CP" dev.guardrails.plugin.review.ReviewSuggestionsBench "${1:-5}" "${2:-3}"
