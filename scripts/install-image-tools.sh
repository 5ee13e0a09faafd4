#!/usr/bin/env bash
# Installs what scripts/build-image.sh needs on a Debian machine without a container daemon:
# buildah (builds and runs images daemonless: --isolation chroot, vfs storage) and mmdebstrap (makes
# the Debian base root filesystem from the machine's configured apt sources). Idempotent.
set -euo pipefail

missing=()
command -v buildah >/dev/null || missing+=(buildah)
command -v mmdebstrap >/dev/null || missing+=(mmdebstrap)
# buildah commits layers with these; mmdebstrap needs them to unpack as root.
command -v newuidmap >/dev/null || missing+=(uidmap)
if ((${#missing[@]} == 0)); then
  echo "image tools: buildah $(buildah --version | awk '{print $3}') and mmdebstrap already installed" >&2
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "image tools: missing ${missing[*]}; run as root or: sudo apt-get install -y ${missing[*]}" >&2
  exit 2
fi
echo "image tools: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
