#!/bin/sh
# Training run at image build time: one `cmp generate` of a sample Kustomize app with the
# environment argocd-cmp-server gives a plugin, recorded into the AOT cache the launcher maps
# (JDK 25, JEP 514/515: loaded and linked classes plus method profiles). Like every command but
# `serve` (resident, started once), it runs without a Micronaut context, so the cache holds that path.
# Usage: train.sh TRAIN_DIR CACHE_FILE
set -eu
train=$1
cache=$2
work=$(mktemp -d)
cp -R "$train/repo" "$work/repo"
cd "$work/repo/overlays/prod"
export HOME="$work" ARGOCD_APP_NAME=shop-prod ARGOCD_APP_NAMESPACE=storefront \
    ARGOCD_APP_SOURCE_PATH=overlays/prod ARGOCD_APP_REVISION=0000000000000000000000000000000000000000 \
    KUBE_VERSION=1.34.0 KUBE_API_VERSIONS=apps/v1,apps/v1/Deployment,v1,v1/ConfigMap,v1/Service \
    ARGOCD_APP_PARAMETERS='[{"name":"mode","string":"warn"}]'
/opt/java/bin/java -XX:AOTCacheOutput="$cache" -XX:-UsePerfData \
    -Xlog:disable -Xlog:all=warning,aot*=off,cds*=off:stderr \
    -jar /opt/guardrails/guardrails.jar cmp generate > "$work/out.yaml"
grep -Eq '^kind: "?Deployment' "$work/out.yaml" || { echo "train: cmp generate printed no Deployment" >&2; exit 1; }
rm -rf "$work"
chmod 0644 "$cache"
