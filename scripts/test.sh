#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs helm and kubectl, then builds and runs every
# test (unit, rule fixtures, renderers against the real binaries, CLI and sample-repo end-to-end).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
./scripts/install-tools.sh
./scripts/install-test-deps.sh
export GUARDRAILS_TOOLS_DIR="$ROOT/tools"
mvn -B -ntp verify "$@"
