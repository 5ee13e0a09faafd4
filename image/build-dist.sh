#!/usr/bin/env bash
# Assembles the image's files from a source checkout into DIST (a tree copied onto the base image):
#   opt/java                  a Java runtime made by jlink (modules: image/jre-modules)
#   opt/guardrails/           guardrails.jar (the shaded CLI + server)
#   usr/local/bin/            guardrails (launcher), helm, kubectl (from scripts/install-tools.sh)
#   usr/local/share/guardrails/generate.sh   the CMP fast-path client
# and a training app in DIST-train (for the AOT cache; not part of the image).
# Runs in the Containerfile's build stage, and on the host in scripts/build-image.sh.
# Env: JLINK_JAVA_HOME (JDK whose jlink and modules make the runtime; default JAVA_HOME),
#      GUARDRAILS_JAR (use this jar instead of building one), MVN_ARGS (extra Maven arguments).
set -euo pipefail
SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST="${1:?usage: build-dist.sh DIST_DIR}"
JDK="${JLINK_JAVA_HOME:-${JAVA_HOME:-}}"
[[ -x "$JDK/bin/jlink" ]] || { echo "build-dist: no jlink in JLINK_JAVA_HOME/JAVA_HOME ('$JDK')" >&2; exit 2; }

rm -rf "$DIST" "$DIST-train"
mkdir -p "$DIST/opt/guardrails" "$DIST/usr/local/bin" "$DIST/usr/local/share/guardrails" "$DIST-train"

# helm + kubectl, pinned by scripts/install-tools.sh.
export GUARDRAILS_TOOLS_DIR="${GUARDRAILS_TOOLS_DIR:-$SRC/tools}"
"$SRC/scripts/install-tools.sh"
install -m 0755 "$GUARDRAILS_TOOLS_DIR/bin/helm" "$GUARDRAILS_TOOLS_DIR/bin/kubectl" "$DIST/usr/local/bin/"

# The jar: built by the reactor (never `mvn install`), unless the caller built it already.
JAR="${GUARDRAILS_JAR:-}"
if [[ -z "$JAR" ]]; then
  (cd "$SRC" && mvn -B -q -ntp -DskipTests ${MVN_ARGS:-} package)
  JAR="$SRC/plugin/target/guardrails.jar"
fi
install -m 0644 "$JAR" "$DIST/opt/guardrails/guardrails.jar"

# A runtime with only the modules the jar needs; no man pages, headers or debug symbols. Its
# default CDS archive serves JVMs started without the AOT cache.
modules="$(grep -v '^#' "$SRC/image/jre-modules" | tr -s '\n' ',' | sed 's/^,//; s/,$//')"
"$JDK/bin/jlink" --add-modules "$modules" --output "$DIST/opt/java" \
  --strip-debug --no-man-pages --no-header-files --compress=zip-6 --generate-cds-archive
chmod -R a+rX "$DIST/opt/java"

install -m 0755 "$SRC/image/guardrails" "$DIST/usr/local/bin/guardrails"
install -m 0755 "$SRC/argocd-integration/cmp/generate.sh" "$DIST/usr/local/share/guardrails/generate.sh"

# Training app: a Kustomize overlay rendered once by `cmp generate` at image build time.
cp -R "$SRC/sample-repos/kustomize-overlays" "$DIST-train/repo"
install -m 0755 "$SRC/image/train.sh" "$DIST-train/train.sh"
echo "build-dist: $(du -sh "$DIST" | cut -f1) in $DIST ($("$DIST/opt/java/bin/java" -version 2>&1 | head -1))" >&2
