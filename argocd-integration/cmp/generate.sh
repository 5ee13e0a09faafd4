#!/bin/sh
# Argo CD CMP generate, fast path: hand the app dir and the plugin environment to a resident
# `guardrails serve` (same pod, shared cmp-tmp volume) instead of starting a JVM per render.
# POSIX sh + curl + printf only. stdout: manifests (HTTP 200); anything else: stderr and exit 1.
# The server's CMP listener (loopback, guardrails.cmp.port) only answers callers presenting the shared
# token from GUARDRAILS_CMP_TOKEN_FILE; it is passed to curl through a config on fd 3, never argv.
set -u
set -f

url="${GUARDRAILS_SERVER:-http://127.0.0.1:8081}"
token_file="${GUARDRAILS_CMP_TOKEN_FILE:-/tmp/guardrails/cmp-token}"
nl='
'

token=
if [ -r "$token_file" ]; then
    IFS= read -r token < "$token_file" || :
fi
if [ -z "$token" ]; then
    printf 'guardrails: cannot read the CMP token file %s (GUARDRAILS_CMP_TOKEN_FILE); the guardrails-server container creates it at start: is it running?\n' "$token_file" >&2
    exit 1
fi
case $token in
    *[!A-Za-z0-9._~+/=-]*)
        printf 'guardrails: the CMP token in %s has characters other than letters, digits and ._~+/=-\n' "$token_file" >&2
        exit 1 ;;
esac

# json_escape VALUE: prints VALUE as JSON string content (no quotes). Copies runs of plain text in
# one step and escapes backslash, quote and control characters one at a time.
json_escape() {
    s=$1
    out=
    while :; do
        plain=${s%%[\\\"[:cntrl:]]*}
        out=$out$plain
        s=${s#"$plain"}
        [ -z "$s" ] && break
        rest=${s#?}
        c=${s%"$rest"}
        s=$rest
        case $c in
            \\) out=$out'\\' ;;
            \") out=$out'\"' ;;
            "$nl") out=$out'\n' ;;
            *)
                code=$(printf '%d' "'$c")
                case $code in
                    9) out=$out'\t' ;;
                    13) out=$out'\r' ;;
                    *) out=$out$(printf '\\u%04x' "$code") ;;
                esac ;;
        esac
    done
    printf '%s' "$out"
}

# Names of exported ARGOCD_* and KUBE_* variables, one per line (from the shell's own export list).
plugin_env_names() {
    export -p | while IFS= read -r line; do
        case $line in
            "export "*) decl=${line#export } ;;
            "declare -x "*) decl=${line#declare -x } ;;
            *) continue ;;
        esac
        name=${decl%%=*}
        case $name in
            ARGOCD_*|KUBE_*) ;;
            *) continue ;;
        esac
        case $name in
            *[!A-Za-z0-9_]*) continue ;;
        esac
        printf '%s\n' "$name"
    done
}

body="{\"dir\":\"$(json_escape "$PWD")\",\"env\":{"
sep=
for name in $(plugin_env_names); do
    eval "isset=\${$name+x}"
    [ "$isset" = x ] || continue
    eval "value=\${$name}"
    body="$body$sep\"$name\":\"$(json_escape "$value")\""
    sep=,
done
body="$body}}"

response=$(curl -sS --max-time "${GUARDRAILS_TIMEOUT_SECONDS:-300}" -X POST -K /dev/fd/3 \
    -H 'Content-Type: application/json' --data-binary @- \
    -w "$nl%{http_code}" "$url/api/v1/cmp/generate" <<BODY 3<<CONFIG
$body
BODY
header = "X-Guardrails-Cmp-Token: $token"
CONFIG
)
rc=$?
if [ "$rc" -ne 0 ]; then
    printf 'guardrails: cannot reach the guardrails server at %s (curl exit %s); is the guardrails-server container running and ready?\n' "$url" "$rc" >&2
    exit 1
fi
status=${response##*"$nl"}
payload=${response%"$nl"*}
case $status in
    200)
        printf '%s' "$payload"
        exit 0 ;;
    422|400|401)
        printf '%s\n' "${payload%"$nl"}" >&2
        exit 1 ;;
    *)
        printf 'guardrails: server at %s answered HTTP %s: %s\n' "$url" "$status" "$payload" >&2
        exit 1 ;;
esac
