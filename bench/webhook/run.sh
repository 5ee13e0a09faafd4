#!/usr/bin/env bash
# Webhook intake benchmark: starts the server on loopback with a reviewer that takes ~20 ms, sends
# signed GitHub/GitLab deliveries (default 200, of which 20 replays) from 8 concurrent clients, and
# reports response latency percentiles and whether every unique delivery was reviewed exactly once.
# Usage: bench/webhook/run.sh [deliveries] [replays] [clients] [reviewMillis]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
mvn -B -o -q -pl plugin -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
CP="plugin/target/classes:plugin/target/test-classes:$(cat plugin/target/bench.classpath)"
exec timeout 300 java -Xmx1g -cp "$CP" dev.guardrails.plugin.webhook.WebhookLoadBench \
    "${1:-200}" "${2:-20}" "${3:-8}" "${4:-20}"
