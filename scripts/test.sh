#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs helm and kubectl, then builds and runs every
# test (unit, rule fixtures, renderers against the real binaries, CLI and sample-repo end-to-end).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# A UTF-8 locale whatever the caller has: the JVM encodes child-process environments (helm,
# kustomize, the CMP harness) with the locale charset, and POSIX would turn non-ASCII into "?".
export LC_ALL=C.UTF-8
./scripts/install-tools.sh
./scripts/install-k8s-schemas.sh
./scripts/install-test-deps.sh
# The release workflow cannot run here: lint it (actionlint, seconds).
./scripts/lint-workflows.sh
export GUARDRAILS_TOOLS_DIR="$ROOT/tools"
mvn -B -ntp verify "$@"
