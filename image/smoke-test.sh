#!/bin/sh
# Smoke test, run inside the image as uid 999 by scripts/build-image.sh:
#   SMOKE_DIR  holds plugin-generate.sh (plugin.yaml's generate command) and repo/ (a sample app)
#   SMOKE_PORT loopback port for `guardrails serve`;  SMOKE_VERSION the expected version
# Prints "smoke: ok ..." per check and "N passed, 0 failed"; exits non-zero at the first failure.
set -eu
dir=$SMOKE_DIR
passed=0
ok() { passed=$((passed + 1)); echo "smoke: ok   $*"; }
fail() { echo "smoke: FAIL $*" >&2; echo "$passed passed, 1 failed"; exit 1; }

[ "$(id -u)" = 999 ] || fail "runs as uid $(id -u), not 999"
ok "uid $(id -u), gid $(id -g), HOME=$HOME"

sh -c 'set -o pipefail' 2>/dev/null || fail "/bin/sh lacks set -o pipefail"
ok "/bin/sh supports set -o pipefail ($(readlink -f /bin/sh))"

# Read-only root filesystem: uid 999 can write nowhere but /tmp (and the kernel's /dev, /proc).
writable=$(find / -xdev \( -path /tmp -o -path /proc -o -path /sys -o -path /dev \) -prune -o -writable -print 2>/dev/null | head -5)
[ -z "$writable" ] || fail "uid 999 can write outside /tmp: $writable"
ok "nothing writable outside /tmp"

v=$(guardrails --version)
[ "$v" = "guardrails $SMOKE_VERSION" ] || fail "--version printed '$v', expected 'guardrails $SMOKE_VERSION'"
ok "guardrails --version: $v"

# The sidecar's JVM options, and options naming another class-data archive, both start the JVM.
JAVA_TOOL_OPTIONS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:MaxRAMPercentage=70" guardrails --version > /dev/null 2>&1 \
    || fail "guardrails does not start with the sidecar's JAVA_TOOL_OPTIONS"
JAVA_TOOL_OPTIONS="-Xshare:auto" guardrails --version > /dev/null 2>&1 || fail "guardrails does not start with -Xshare:auto"
ok "starts with the sidecar's JVM options and with -Xshare:auto"

for tool in helm kubectl; do command -v "$tool" >/dev/null || fail "$tool missing"; done
for tool in mvn javac jlink gcc make npm; do ! command -v "$tool" >/dev/null || fail "build tool $tool in the image"; done
ok "helm $(helm version --short), kubectl; no build tools"

# Argo CD's view: the repo extracted under /tmp/_cmp_server, generate started in the app dir.
work=/tmp/_cmp_server/smoke
rm -rf "$work"; mkdir -p "$work"
cp -R "$dir/repo" "$work/repo"
app=$work/repo/overlays/prod
export ARGOCD_APP_NAME=shop-prod ARGOCD_APP_NAMESPACE=storefront ARGOCD_APP_SOURCE_PATH=overlays/prod \
    ARGOCD_APP_REVISION=0000000000000000000000000000000000000000 KUBE_VERSION=1.34.0 \
    KUBE_API_VERSIONS=apps/v1,apps/v1/Deployment,v1,v1/ConfigMap,v1/Service
generate() { (cd "$app" && sh -c "$(cat "$dir/plugin-generate.sh")"); }

# valid OUT: kustomize parses the printed manifests as Kubernetes objects; prints how many.
valid() {
    check=$(mktemp -d)
    cp "$1" "$check/out.yaml"
    printf 'resources: [out.yaml]\n' > "$check/kustomization.yaml"
    n=$(kubectl kustomize "$check" | grep -c '^kind: ') || true
    rm -rf "$check"
    [ "${n:-0}" -gt 0 ] || return 1
    echo "$n"
}

expected=$(kubectl kustomize "$app" | grep -c '^kind: ')

ARGOCD_APP_PARAMETERS='[{"name":"mode","string":"warn"}]' generate > /tmp/out.yaml 2> /tmp/err.txt \
    || { cat /tmp/err.txt >&2; fail "cmp generate (warn) exited non-zero"; }
n=$(valid /tmp/out.yaml) || fail "cmp generate printed no valid manifests"
[ "$n" = "$expected" ] || fail "cmp generate printed $n objects, kustomize renders $expected"
grep -q 'guardrails.dev/findings' /tmp/out.yaml || fail "warn mode output carries no findings annotation"
ok "cmp generate (direct, warn): $n valid objects; stderr: $(head -1 /tmp/err.txt)"

# prod's .guardrails.yaml profile enforces: the render fails with the violation list on stderr.
rc=0
ARGOCD_APP_PARAMETERS='[{"name":"mode","string":"enforce"}]' generate > /tmp/out.yaml 2> /tmp/err.txt || rc=$?
[ "$rc" = 1 ] || fail "enforce: exit $rc, expected 1"
[ ! -s /tmp/out.yaml ] || fail "enforce: manifests on stdout of a blocked render"
grep -q "^guardrails: blocked app 'shop-prod'" /tmp/err.txt || { cat /tmp/err.txt >&2; fail "enforce: no violation list"; }
grep -q '^✗ ' /tmp/err.txt || fail "enforce: no violation lines"
ok "cmp generate (direct, enforce): exit 1, $(grep -c '^✗ ' /tmp/err.txt) violations listed on stderr"

# Fast path: a resident `guardrails serve`, generate.sh posts to it.
GUARDRAILS_CMP_ALLOWED_ROOTS=/tmp/_cmp_server guardrails serve --host 127.0.0.1 --port "$SMOKE_PORT" > /tmp/server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
i=0
until curl -fsS -o /tmp/health.txt "http://127.0.0.1:$SMOKE_PORT/health" 2>/dev/null; do
    i=$((i + 1))
    kill -0 "$server" 2>/dev/null && [ "$i" -lt 120 ] || { cat /tmp/server.log >&2; fail "serve: /health not answering"; }
    sleep 0.5
done
ok "guardrails serve: /health answered $(tr -d '\n' < /tmp/health.txt | cut -c1-60)"

export GUARDRAILS_SERVER="http://127.0.0.1:$SMOKE_PORT"
ARGOCD_APP_PARAMETERS='[{"name":"mode","string":"warn"}]' generate > /tmp/out.yaml 2> /tmp/err.txt \
    || { cat /tmp/err.txt >&2; fail "fast path generate (warn) exited non-zero"; }
n=$(valid /tmp/out.yaml) || fail "fast path printed no valid manifests"
[ "$n" = "$expected" ] || fail "fast path printed $n objects, kustomize renders $expected"
ok "cmp generate (fast path, warn): $n valid objects"
rc=0
ARGOCD_APP_PARAMETERS='[{"name":"mode","string":"enforce"}]' generate > /tmp/out.yaml 2> /tmp/err.txt || rc=$?
[ "$rc" = 1 ] && grep -q "^guardrails: blocked app 'shop-prod'" /tmp/err.txt || fail "fast path enforce: exit $rc"
ok "cmp generate (fast path, enforce): exit 1, violation list on stderr"

kill "$server"; wait "$server" 2>/dev/null || true
trap - EXIT
rm -rf "$work" /tmp/out.yaml /tmp/err.txt /tmp/health.txt
echo "$passed passed, 0 failed"
