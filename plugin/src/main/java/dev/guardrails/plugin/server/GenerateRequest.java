package dev.guardrails.plugin.server;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/**
 * Body of {@code POST /api/v1/cmp/generate}, sent by {@code generate.sh} from the CMP sidecar.
 *
 * @param dir absolute app directory on the volume the sidecar shares with the server
 * @param env the sidecar's {@code ARGOCD_*} and {@code KUBE_*} variables
 */
@Serdeable
public record GenerateRequest(@Nullable String dir, @Nullable Map<String, String> env) {
}
