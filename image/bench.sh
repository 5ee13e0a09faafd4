#!/bin/sh
# CMP generate inside the image, as Argo CD runs it, against a bare `kubectl kustomize` of the same
# app (sample-repos/kustomize-overlays overlays/prod, mode warn). Run by
# `scripts/build-image.sh --bench N` as uid 999. N interleaved rounds (one call of each path per
# round), so machine load hits every path alike; prints a Markdown table of wall times and ratios.
#   (a) kubectl kustomize                       the floor: what Argo CD itself would run
#   (b) plugin.yaml's command, direct path      one JVM per render, with the AOT cache
#   (c) (b) without the AOT cache                what the cache buys (default CDS only)
#   (d) plugin.yaml's command, fast path        generate.sh + curl to a resident `guardrails serve`
# Env: SMOKE_DIR (plugin-generate.sh, repo/), SMOKE_PORT.
set -eu
N=${1:-10}
dir=$SMOKE_DIR
work=/tmp/_cmp_server/bench
rm -rf "$work"; mkdir -p "$work/t"
cp -R "$dir/repo" "$work/repo"
app=$work/repo/overlays/prod
export ARGOCD_APP_NAME=shop-prod ARGOCD_APP_NAMESPACE=storefront ARGOCD_APP_SOURCE_PATH=overlays/prod \
    ARGOCD_APP_REVISION=0000000000000000000000000000000000000000 KUBE_VERSION=1.34.0 \
    KUBE_API_VERSIONS=apps/v1,apps/v1/Deployment,v1,v1/ConfigMap,v1/Service \
    ARGOCD_APP_PARAMETERS='[{"name":"mode","string":"warn"}]'
# The sidecar's JVM options (argocd-integration/manifests/repo-server-sidecar.yaml).
SIDECAR_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:MaxRAMPercentage=70"
cmd=$(cat "$dir/plugin-generate.sh")

GUARDRAILS_CMP_ALLOWED_ROOTS=/tmp/_cmp_server guardrails serve --host 127.0.0.1 --port "$SMOKE_PORT" > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
i=0
until curl -fsS -o /dev/null "http://127.0.0.1:$SMOKE_PORT/health" 2>/dev/null; do
    i=$((i + 1)); [ "$i" -lt 120 ] || { cat "$work/server.log" >&2; exit 1; }
    sleep 0.5
done

path() {
    case $1 in
        a) kubectl kustomize . ;;
        b) JAVA_TOOL_OPTIONS=$SIDECAR_OPTS sh -c "$cmd" ;;
        c) JAVA_TOOL_OPTIONS=$SIDECAR_OPTS GUARDRAILS_JAVA_OPTS=-Xshare:auto sh -c "$cmd" ;;
        d) GUARDRAILS_SERVER="http://127.0.0.1:$SMOKE_PORT" sh -c "$cmd" ;;
    esac
}
cd "$app"
for p in a b c d; do path $p > "$work/out" 2> "$work/err" || { cat "$work/err" >&2; exit 1; }; done  # warm-up
round=0
while [ "$round" -lt "$N" ]; do
    for p in a b c d; do
        t0=$(date +%s%N)
        path $p > "$work/out" 2> "$work/err" || { echo "path $p failed:" >&2; cat "$work/err" >&2; exit 1; }
        t1=$(date +%s%N)
        echo $(((t1 - t0) / 1000000)) >> "$work/t/$p"
    done
    round=$((round + 1))
done

stats() { sort -n "$1" | awk '{v[NR]=$1; s+=$1} END {m=(NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2; printf "%.0f %.0f", s/NR, m}'; }
ratio() { awk -v x="$1" -v y="$2" 'BEGIN { printf "%.2f", x / y }'; }
set -- $(stats "$work/t/a"); a_mean=$1; a_med=$2
row() {
    set -- $(stats "$work/t/$1")
    printf '| %s | %s | %s | %s | %s |\n' "$2" "$1" "$2" "$(ratio "$2" "$a_med")" "$(ratio "$1" "$a_mean")"
}
echo "| Path | mean ms | median ms | vs bare kustomize (median) | (mean) |"
echo "|---|---:|---:|---:|---:|"
printf '| (a) bare `kubectl kustomize` | %s | %s | 1.00 | 1.00 |\n' "$a_mean" "$a_med"
row b | sed 's/^| [0-9]* |/| (b) direct: `guardrails cmp generate`, AOT cache |/'
row c | sed "s/^| [0-9]* |/| (c) direct, no AOT cache (the runtime's default CDS archive) |/"
row d | sed 's/^| [0-9]* |/| (d) fast path: `generate.sh` → `guardrails serve` |/'
echo
echo "$N interleaved rounds, $(nproc) CPUs, $(java_version=$(/opt/java/bin/java -version 2>&1 | head -1); echo "$java_version"), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
