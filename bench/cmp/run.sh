#!/bin/sh
# Benchmark of Argo CD CMP generate for one sample app (kustomize-overlays, overlays/prod):
#   (a) bare `kubectl kustomize`                 - the floor: what Argo CD itself would run
#   (b) `java -jar guardrails.jar cmp generate`  - direct path: one JVM per render
#   (c) generate.sh -> running `guardrails serve` - fast path: sh + curl per render
# Prints mean/median ms and the ratios b/a, c/a, and appends a section to docs/performance.md.
# Not a test. Build first: mvn -o -q -pl plugin -am package -DskipTests
# Usage: bench/cmp/run.sh [N]   (default N=10); GUARDRAILS_BENCH_JAR=other.jar benchmarks another build
#        (e.g. a copy of the jar from before a change, run in the same session as the new one).
set -eu

N=${1:-10}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR="${GUARDRAILS_BENCH_JAR:-$ROOT/plugin/target/guardrails.jar}"
KUBECTL="$ROOT/tools/bin/kubectl"
PORT=${GUARDRAILS_BENCH_PORT:-18089}
[ -f "$JAR" ] || { echo "missing $JAR: mvn -o -q -pl plugin -am package -DskipTests" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/guardrails-bench.XXXXXX")
SERVER_PID=
cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

# Argo CD's view: the repo copied into a work dir, generate started in the app dir.
mkdir -p "$WORK/_cmp_server/repo"
cp -R "$ROOT/sample-repos/kustomize-overlays/." "$WORK/_cmp_server/repo/"
APP="$WORK/_cmp_server/repo/overlays/prod"
export ARGOCD_APP_NAME=shop-prod ARGOCD_APP_NAMESPACE=storefront ARGOCD_APP_SOURCE_PATH=overlays/prod
export ARGOCD_APP_REVISION=0000000000000000000000000000000000000000 KUBE_VERSION=1.34.0
export KUBE_API_VERSIONS=apps/v1,apps/v1/Deployment,v1,v1/ConfigMap,v1/Service
export ARGOCD_APP_PARAMETERS='[{"name":"mode","string":"warn"}]'   # warn: full output, no block
export GUARDRAILS_TOOLS_DIR="$ROOT/tools"

now_ms() { date +%s%3N; }

# run LABEL COMMAND...: N timed runs in the app dir; writes one ms value per line to $WORK/LABEL
run() {
    label=$1; shift
    : > "$WORK/$label"
    i=0
    while [ "$i" -lt "$N" ]; do
        t0=$(now_ms)
        (cd "$APP" && "$@" > "$WORK/out" 2> "$WORK/err") || { echo "$label failed:" >&2; cat "$WORK/err" >&2; exit 1; }
        t1=$(now_ms)
        echo $((t1 - t0)) >> "$WORK/$label"
        i=$((i + 1))
    done
}

stats() { # prints "mean median" of a file of integers
    sort -n "$1" | awk '{v[NR]=$1; s+=$1} END {m=(NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2; printf "%.0f %.0f", s/NR, m}'
}

# The CMP endpoint on its own loopback listener, with the token file generate.sh presents.
CMP_PORT=$((PORT + 1))
export GUARDRAILS_CMP_TOKEN_FILE="$WORK/guardrails/cmp-token"
GUARDRAILS_CMP_ENABLED=true GUARDRAILS_CMP_PORT="$CMP_PORT" GUARDRAILS_CMP_WORK_DIR="$WORK/_cmp_server" \
    java -jar "$JAR" serve --port "$PORT" > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
i=0
until curl -fsS -o /dev/null "http://127.0.0.1:$PORT/health" 2>/dev/null; do
    i=$((i + 1)); [ "$i" -lt 120 ] || { cat "$WORK/server.log" >&2; exit 1; }
    sleep 0.5
done
# One warm-up request each, so (c) measures a resident server rather than its first request.
(cd "$APP" && GUARDRAILS_SERVER="http://127.0.0.1:$CMP_PORT" sh "$ROOT/argocd-integration/cmp/generate.sh" > /dev/null)
(cd "$APP" && "$KUBECTL" kustomize . > /dev/null)

# (d) the direct path with a class-data-sharing archive, as bin/guardrails and the image use it.
JVM_QUIET="-Xlog:disable -Xlog:all=warning,cds*=off:stderr"
(cd "$APP" && java $JVM_QUIET -XX:ArchiveClassesAtExit="$WORK/app.jsa" -jar "$JAR" cmp generate > /dev/null 2>&1)

run a "$KUBECTL" kustomize .
run b java -jar "$JAR" cmp generate
run c env GUARDRAILS_SERVER="http://127.0.0.1:$CMP_PORT" sh "$ROOT/argocd-integration/cmp/generate.sh"
run d java $JVM_QUIET -XX:SharedArchiveFile="$WORK/app.jsa" -jar "$JAR" cmp generate

set -- $(stats "$WORK/a"); A_MEAN=$1; A_MED=$2
set -- $(stats "$WORK/b"); B_MEAN=$1; B_MED=$2
set -- $(stats "$WORK/c"); C_MEAN=$1; C_MED=$2
set -- $(stats "$WORK/d"); D_MEAN=$1; D_MED=$2
ratio() { awk -v x="$1" -v y="$2" 'BEGIN { printf "%.1f", (y > 0 ? x / y : 0) }'; }

REPORT=$(cat <<MD
## CMP generate

Sample app \`sample-repos/kustomize-overlays\` \`overlays/prod\` (mode warn), $N runs each, measured
$(date -u +%Y-%m-%d) on $(nproc) CPUs by \`bench/cmp/run.sh\` (wall time per call, one run of the script).

| Path | mean ms | median ms | vs bare kustomize (median) |
|---|---:|---:|---:|
| (a) bare \`kubectl kustomize\` | $A_MEAN | $A_MED | 1.0 |
| (b) \`java -jar guardrails.jar cmp generate\` (direct) | $B_MEAN | $B_MED | $(ratio "$B_MED" "$A_MED") |
| (c) \`generate.sh\` → \`guardrails serve\` (fast path) | $C_MEAN | $C_MED | $(ratio "$C_MED" "$A_MED") |
| (d) direct, with a class-data-sharing archive | $D_MEAN | $D_MED | $(ratio "$D_MED" "$A_MED") |

Ratios: b/a = $(ratio "$B_MEAN" "$A_MEAN") (mean), c/a = $(ratio "$C_MEAN" "$A_MEAN") (mean), d/a = $(ratio "$D_MEAN" "$A_MEAN") (mean).
MD
)
printf '%s\n' "$REPORT"

DOC="$ROOT/docs/performance.md"
[ -f "$DOC" ] || printf '# Performance\n' > "$DOC"
# Replace this benchmark's section, keep the others.
awk 'BEGIN{skip=0} /^## /{skip=($0=="## CMP generate")} !skip' "$DOC" > "$WORK/doc"
{ cat "$WORK/doc"; printf '\n%s\n' "$REPORT"; } | cat -s > "$DOC"
