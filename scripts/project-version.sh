#!/usr/bin/env bash
# Prints the project version: the root pom's <version>, the one source of the version. With
# --release, without -SNAPSHOT: the version the Helm chart and every published image reference name
# (ImageReferenceTest checks that they all agree; scripts/set-version.sh changes them together).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The project's own <version>: the first one after </parent>.
v="$(sed -n '/<\/parent>/,/<\/version>/{s:.*<version>\(.*\)</version>.*:\1:p}' "$ROOT/pom.xml" | head -1)"
[[ -n "$v" ]] || { echo "project-version: no <version> in pom.xml" >&2; exit 2; }
if [[ "${1:-}" == --release ]]; then echo "${v%-SNAPSHOT}"; else echo "$v"; fi
