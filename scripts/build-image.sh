#!/usr/bin/env bash
# Builds the guardrails image here, without a container daemon or registry, and smoke-tests it:
#   1. buildah + mmdebstrap (scripts/install-image-tools.sh), helm + kubectl (scripts/install-tools.sh)
#   2. the jar (Maven reactor) and a jlinked Java 25 runtime: image/build-dist.sh -> image/out/dist
#   3. a Debian base root filesystem made by mmdebstrap from this machine's apt sources (cached
#      as the local image localhost/guardrails-base:<suite>)
#   4. image/Containerfile with BASE and BUILDER = that base, PREBUILT=true (buildah, chroot, vfs)
#   5. an OCI archive: image/out/guardrails-<version>.oci.tar
#   6. image/smoke-test.sh inside the image as uid 999 (buildah run --isolation chroot --user 999)
# Usage: scripts/build-image.sh [--bench N]   (--bench: also run image/bench.sh N inside the image)
# Env: MVN_ARGS (e.g. -o), GUARDRAILS_JAR (skip the Maven build), JLINK_JAVA_HOME (a JDK 25),
#      GUARDRAILS_BASE_SUITE (default: this machine's Debian codename).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BENCH=
[[ "${1:-}" == --bench ]] && BENCH="${2:-10}"
OUT="$ROOT/image/out"
mkdir -p "$OUT"
export LC_ALL=C.UTF-8
start=$SECONDS
step() { echo "build-image: [$((SECONDS - start))s] $*" >&2; }

./scripts/install-image-tools.sh
./scripts/install-tools.sh
export GUARDRAILS_TOOLS_DIR="$ROOT/tools"

# The version is the pom's (the released image drops -SNAPSHOT; see docs/release.md).
VERSION="$(./scripts/project-version.sh)"
REVISION="$(git rev-parse HEAD 2>/dev/null || echo unknown)"

# buildah without a daemon: chroot isolation, vfs storage kept under image/out.
BUILDAH=(buildah --root "$OUT/storage" --runroot "$OUT/run" --storage-driver vfs)
export BUILDAH_ISOLATION=chroot

step "runtime + jar + tools -> image/out/dist"
if [[ -z "${JLINK_JAVA_HOME:-}" ]]; then
  for jdk in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-* /usr/lib/jvm/java-25-*; do
    if [[ -x "$jdk/bin/jlink" ]] && "$jdk/bin/java" -version 2>&1 | grep -q '"25'; then JLINK_JAVA_HOME="$jdk"; break; fi
  done
fi
[[ -n "${JLINK_JAVA_HOME:-}" ]] || { echo "build-image: no JDK 25 found; set JLINK_JAVA_HOME" >&2; exit 2; }
export JLINK_JAVA_HOME
./image/build-dist.sh "$OUT/dist"

SUITE="${GUARDRAILS_BASE_SUITE:-$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")}"
BASE="localhost/guardrails-base:$SUITE"
if ! "${BUILDAH[@]}" inspect --type image "$BASE" >/dev/null 2>&1; then
  step "base root filesystem: mmdebstrap $SUITE (minbase + bash, curl, ca-certificates)"
  sources="$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null || true)"
  [[ -n "$sources" ]] || sources="$(grep -h '^deb ' /etc/apt/sources.list 2>/dev/null || true)"
  [[ -n "$sources" ]] || { echo "build-image: no apt sources configured on this machine" >&2; exit 2; }
  rm -f "$OUT/base.tar"
  mmdebstrap --quiet --variant=minbase --include=bash,curl,ca-certificates \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/info/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
    "$SUITE" "$OUT/base.tar" - <<<"$sources"
  ctr="$("${BUILDAH[@]}" from scratch)"
  "${BUILDAH[@]}" add "$ctr" "$OUT/base.tar" / >/dev/null
  "${BUILDAH[@]}" config --cmd /bin/bash --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$ctr"
  "${BUILDAH[@]}" commit --rm --quiet "$ctr" "$BASE" >/dev/null
  rm -f "$OUT/base.tar"
fi

IMAGE="localhost/guardrails:$VERSION"
step "image $IMAGE (image/Containerfile, BASE=$BASE)"
"${BUILDAH[@]}" bud --quiet --isolation chroot --layers=false \
  --build-arg BASE="$BASE" --build-arg BUILDER="$BASE" --build-arg PREBUILT=true \
  --build-arg VERSION="$VERSION" --build-arg REVISION="$REVISION" \
  -f image/Containerfile -t "$IMAGE" . >/dev/null
"${BUILDAH[@]}" rmi --prune >/dev/null 2>&1 || true

labels="$("${BUILDAH[@]}" inspect --type image --format '{{range $k, $v := .OCIv1.Config.Labels}}{{$k}}={{$v}} {{end}}' "$IMAGE")"
for want in "org.opencontainers.image.version=$VERSION" "org.opencontainers.image.revision=$REVISION" \
    "org.opencontainers.image.source=https://github.com/gitops-guardrails/gitops-guardrails"; do
  [[ " $labels " == *" $want "* ]] || { echo "build-image: label $want missing (labels: $labels)" >&2; exit 1; }
done
step "labels ok: version $VERSION, revision $REVISION, user $("${BUILDAH[@]}" inspect --type image --format '{{.OCIv1.Config.User}}' "$IMAGE")"

ARCHIVE="$OUT/guardrails-$VERSION.oci.tar"
rm -f "$ARCHIVE"
"${BUILDAH[@]}" push --quiet "$IMAGE" "oci-archive:$ARCHIVE:guardrails:$VERSION"
step "OCI archive $ARCHIVE ($(du -h "$ARCHIVE" | cut -f1)); image size $("${BUILDAH[@]}" images --format '{{.Size}}' "$IMAGE")"

# The smoke test and its inputs go into a throw-away container under /tmp (the only writable path).
ctr="$("${BUILDAH[@]}" from --quiet "$IMAGE")"
trap '"${BUILDAH[@]}" rm "$ctr" >/dev/null 2>&1 || true' EXIT
smoke="$OUT/smoke"
rm -rf "$smoke"; mkdir -p "$smoke"
cp -R sample-repos/kustomize-overlays "$smoke/repo"
cp image/smoke-test.sh image/bench.sh "$smoke/"
# plugin.yaml's generate command, as argocd-cmp-server runs it (a folded scalar: lines joined by spaces).
sed -n '/^  generate:/,/^  [a-z]/p' argocd-integration/manifests/plugin.yaml \
  | awk '/- >-/{f=1;next} f&&/^ *[a-z]+:/{exit} f{sub(/^ +/,""); printf "%s ", $0}' > "$smoke/plugin-generate.sh"
grep -q 'guardrails cmp generate' "$smoke/plugin-generate.sh" || { echo "build-image: cannot read plugin.yaml's generate command" >&2; exit 1; }
"${BUILDAH[@]}" copy --quiet --chown 999:999 "$ctr" "$smoke" /tmp/smoke >/dev/null
PORT=$((20000 + RANDOM % 20000))
step "smoke test as uid 999"
"${BUILDAH[@]}" run --isolation chroot --user 999:999 \
  --env SMOKE_DIR=/tmp/smoke --env SMOKE_PORT="$PORT" --env SMOKE_VERSION="$VERSION" \
  "$ctr" -- sh /tmp/smoke/smoke-test.sh
if [[ -n "$BENCH" ]]; then
  step "benchmark inside the image ($BENCH rounds)"
  "${BUILDAH[@]}" run --isolation chroot --user 999:999 \
    --env SMOKE_DIR=/tmp/smoke --env SMOKE_PORT="$PORT" "$ctr" -- sh /tmp/smoke/bench.sh "$BENCH" | tee "$OUT/bench.md"
fi
step "done: $IMAGE, $ARCHIVE"
