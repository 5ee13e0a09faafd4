#!/usr/bin/env bash
# Installs what the browser tests need: Debian's chromium (the HTML audit report is checked in a
# real headless browser). Idempotent: does nothing when /usr/bin/chromium is already there (as on
# CI machines that ship it). Runs apt-get directly as root, through sudo otherwise.
set -euo pipefail

CHROMIUM="${GUARDRAILS_CHROMIUM:-/usr/bin/chromium}"
if [[ -x "$CHROMIUM" ]]; then
  echo "test-deps: chromium already at $CHROMIUM" >&2
  exit 0
fi

if [[ "$(id -u)" -eq 0 ]]; then
  SUDO=()
elif command -v sudo >/dev/null; then
  SUDO=(sudo -n)
else
  echo "test-deps: chromium is missing and this user can neither run apt-get nor sudo;" \
       "install Debian's chromium package" >&2
  exit 2
fi

command -v apt-get >/dev/null || { echo "test-deps: apt-get not found; install chromium by hand" >&2; exit 2; }
echo "test-deps: installing chromium with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -q >&2
"${SUDO[@]}" apt-get install -y -q --no-install-recommends chromium >&2
[[ -x "$CHROMIUM" ]] || { echo "test-deps: chromium install did not produce $CHROMIUM" >&2; exit 2; }
echo "test-deps: chromium installed: $("$CHROMIUM" --version 2>/dev/null || echo unknown)" >&2
