#!/usr/bin/env bash
# Unsigned-body flood against `guardrails serve` (issue 9): starts the server as its own JVM sized like
# the Helm chart's pod (1 GiB limit, MaxRAMPercentage=75), floods POST /webhooks/github with large
# wrongly signed bodies from many parallel senders (default 80 x 3 rounds of 10 MiB), polls /health
# meanwhile, and reports the server's peak RSS (VmHWM) and /health latency idle vs under the flood.
# Not a test. Usage: bench/webhook-flood/run.sh [senders] [rounds] [body MiB]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
SENDERS=${1:-80}
ROUNDS=${2:-3}
MIB=${3:-10}
PORT=${GUARDRAILS_BENCH_PORT:-18097}
mvn -B -o -q -pl plugin -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
CP="plugin/target/classes:plugin/target/test-classes:$(cat plugin/target/bench.classpath)"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/guardrails-flood.XXXXXX")
SERVER_PID=
cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

# The chart's pod: 1 GiB memory limit, JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=75 (no cgroup here, so -Xmx).
GUARDRAILS_GITHUB_WEBHOOK_SECRET=bench-secret GUARDRAILS_REVIEW_STATE_DIR="$WORK/state" GUARDRAILS_LOG_LEVEL=WARN \
    java -Xmx768m -cp "$CP" dev.guardrails.plugin.cli.GuardrailsCommand serve --port "$PORT" \
    > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
i=0
until curl -fsS -o /dev/null "http://127.0.0.1:$PORT/health" 2>/dev/null; do
    i=$((i + 1)); [ "$i" -lt 240 ] || { cat "$WORK/server.log" >&2; exit 1; }
    sleep 0.5
done
rss_kib() { awk "/^$1:/ {print \$2}" "/proc/$SERVER_PID/status"; }
START_RSS=$(rss_kib VmRSS)

timeout 900 java -Xmx3g -cp "$CP" dev.guardrails.plugin.webhook.WebhookFloodBench \
    "http://127.0.0.1:$PORT" "$SENDERS" "$ROUNDS" "$MIB" | tee "$WORK/result" || echo "flood client failed: $?"

PEAK_RSS=$(rss_kib VmHWM)
echo "server_rss_start_mib=$((START_RSS / 1024))"
echo "server_rss_peak_mib=$((PEAK_RSS / 1024)) (chart limit 1024)"
if grep -q "OutOfMemoryError" "$WORK/server.log"; then
    echo "server_oom=yes"; grep -m3 "OutOfMemoryError" "$WORK/server.log"
else
    echo "server_oom=no"
fi
