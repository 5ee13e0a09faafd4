#!/usr/bin/env bash
# Regenerates the vendored Kubernetes API type tables (one gzipped JSON per minor version) from the
# packages scripts/install-k8s-schemas.sh pins. Run after changing a pin; KubeSchemasCurrentTest
# fails while the vendored tables differ from what the pinned packages generate.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export GUARDRAILS_TOOLS_DIR="${GUARDRAILS_TOOLS_DIR:-$ROOT/tools}"
./scripts/install-k8s-schemas.sh
mvn -B -q -pl scanner test -Dtest=KubeSchemasCurrentTest -Dguardrails.updateSchemas=true -Dsurefire.failIfNoSpecifiedTests=false
