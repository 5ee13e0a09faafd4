#!/usr/bin/env bash
# Sets the project version everywhere it is written: the poms (the one source), and the release
# version (without -SNAPSHOT) in the Helm chart and in every reference to the published image, the
# Kustomize components (?ref=vX.Y.Z) and the chart in manifests and docs. ImageReferenceTest checks
# that they agree. Usage: scripts/set-version.sh 0.2.0 (release commit) | 0.3.0-SNAPSHOT (next)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
new="${1:?usage: set-version.sh X.Y.Z[-SNAPSHOT]}"
[[ "$new" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-SNAPSHOT)?$ ]] || { echo "set-version: '$new' is not X.Y.Z[-SNAPSHOT]" >&2; exit 2; }
old="$("$ROOT/scripts/project-version.sh")"
rel="${new%-SNAPSHOT}"
old_rel="${old%-SNAPSHOT}"
cd "$ROOT"

# The project's own <version> (first after </parent>) and each module's <parent><version>.
sed -i "0,/<\/parent>/! {0,/<version>$old<\/version>/ s|<version>$old</version>|<version>$new</version>|}" pom.xml
for m in scanner argocd-integration plugin; do
  sed -i "0,/<version>$old<\/version>/ s|<version>$old</version>|<version>$new</version>|" "$m/pom.xml"
done

if [[ "$rel" != "$old_rel" ]]; then
  chart=argocd-integration/charts/guardrails
  sed -i -E "s/^version: .*/version: $rel/; s/^appVersion: .*/appVersion: \"$rel\"/" "$chart/Chart.yaml"
  sed -i -E "s/^  tag: \".*\"/  tag: \"$rel\"/" "$chart/values.yaml"
  q="${old_rel//./\\.}"
  grep -rlE "ghcr\.io/gitops-guardrails/guardrails:$q|\?ref=v$q|charts/guardrails.*--version[ =]$q" \
      argocd-integration/manifests argocd-integration/charts docs README.md \
    | xargs -r sed -i -E \
      -e "s#(ghcr\.io/gitops-guardrails/guardrails):$q\b#\1:$rel#g" \
      -e "s#(\?ref=v)$q\b#\1$rel#g" \
      -e "s#(charts/guardrails.*--version[ =])$q\b#\1$rel#g"
fi
echo "set-version: $old -> $new (published references: $rel)" >&2
