#!/usr/bin/env bash
# Fetches the Kubernetes API type tables the schema-invalid rule is generated from: the jsii
# assembly (.jsii) of the npm packages cdk8s-plus-30 ... cdk8s-plus-34, each cdk8s' import of one
# Kubernetes minor version's OpenAPI document. Only the test that checks the vendored tables in
# scanner/src/main/resources/dev/guardrails/scanner/schema/ are current needs them (the scanner
# ships the compact tables, never the packages). Idempotent: a package already unpacked at its
# pinned version is skipped.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_DIR="${GUARDRAILS_TOOLS_DIR:-$ROOT/tools}"
DEST="$TOOLS_DIR/k8s-schemas"
# Kubernetes minor -> pinned cdk8s-plus package version. Bump together with the vendored tables
# (scripts/generate-k8s-schemas.sh).
PACKAGES=("30:2.4.10" "31:2.6.43" "32:2.5.92" "33:2.5.57" "34:2.0.54")

command -v npm >/dev/null || { echo "k8s-schemas: npm is required to fetch cdk8s-plus packages" >&2; exit 2; }
mkdir -p "$DEST"
for entry in "${PACKAGES[@]}"; do
  minor="${entry%%:*}"
  version="${entry#*:}"
  target="$DEST/1.$minor"
  if [[ -f "$target/.jsii" && "$(cat "$target/.version" 2>/dev/null)" == "$version" ]]; then
    continue
  fi
  work="$(mktemp -d)"
  (cd "$work" && npm pack --silent "cdk8s-plus-$minor@$version" >/dev/null 2>"$work/npm.log") \
    || { cat "$work/npm.log" >&2; rm -rf "$work"; echo "k8s-schemas: npm pack cdk8s-plus-$minor@$version failed" >&2; exit 2; }
  tar -xzf "$work"/*.tgz -C "$work" package/.jsii
  mkdir -p "$target"
  mv "$work/package/.jsii" "$target/.jsii"
  echo "$version" > "$target/.version"
  rm -rf "$work"
  echo "k8s-schemas: cdk8s-plus-$minor@$version in $target" >&2
done
