package dev.guardrails.plugin.server;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.nio.file.Path;

/**
 * The CMP fast-path endpoint, from {@code guardrails.cmp.*} / env {@code GUARDRAILS_CMP_*}. Off by
 * default: only the repo-server sidecar deployment turns it on, never the PR bot.
 *
 * @param enabled   serve {@code POST /api/v1/cmp/generate}
 * @param port      its own listener, always bound to 127.0.0.1 (the sidecar shares the pod's loopback)
 * @param tokenFile file holding the shared secret the sidecar's generate.sh presents; created with a
 *                  random token (mode 0600) when missing, so sidecar and server can share it on their
 *                  common volume, or mounted from a Secret
 * @param workDir   argocd-cmp-server's work directory ({@code $TMPDIR/_cmp_server}); each request's app
 *                  directory must lie in one of its per-request subdirectories, which is the repo root
 */
@ConfigurationProperties("guardrails.cmp")
public record CmpSettings(
        @Bindable(defaultValue = "false") boolean enabled,
        @Bindable(defaultValue = "8081") int port,
        @Nullable String tokenFile,
        @Nullable String workDir) {

    public Path workDirOrDefault() {
        return workDir == null || workDir.isBlank()
                ? Path.of(System.getProperty("java.io.tmpdir"), "_cmp_server")
                : Path.of(workDir);
    }
}
