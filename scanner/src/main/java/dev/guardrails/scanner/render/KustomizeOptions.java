package dev.guardrails.scanner.render;

import java.util.List;

/**
 * Kustomize settings.
 *
 * @param buildOptions     extra {@code kustomize build} flags, like Argo CD's {@code kustomize.buildOptions};
 *                         entries may hold several whitespace-separated flags. Only safe flags are
 *                         accepted: {@code --load-restrictor}, {@code --enable-helm} (needs
 *                         {@code enableHelm}), {@code --helm-kube-version}, {@code --helm-api-versions}.
 * @param allowRemoteBases let resources, bases, components and helm charts come from the network
 *                         (git URLs, {@code github.com/...}); off by default, as a scan must be offline
 * @param enableHelm       allow {@code helmCharts} in kustomizations (rendered with the located helm)
 */
public record KustomizeOptions(List<String> buildOptions, boolean allowRemoteBases, boolean enableHelm) {

    public KustomizeOptions {
        buildOptions = buildOptions == null ? List.of() : List.copyOf(buildOptions);
    }

    /** Build options only; remote bases and helm charts stay refused. */
    public KustomizeOptions(List<String> buildOptions) {
        this(buildOptions, false, false);
    }

    /** No extra flags, no remote bases, no helm charts. */
    public static KustomizeOptions defaults() {
        return new KustomizeOptions(List.of(), false, false);
    }
}
