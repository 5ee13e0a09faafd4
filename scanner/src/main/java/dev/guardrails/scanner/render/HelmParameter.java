package dev.guardrails.scanner.render;

import java.util.Objects;

/**
 * One {@code --set} (or {@code --set-string} when {@code forceString}) value, as in Argo CD's
 * {@code spec.source.helm.parameters}.
 */
public record HelmParameter(String name, String value, boolean forceString) {

    public HelmParameter {
        Objects.requireNonNull(name, "name");
        value = value == null ? "" : value;
    }
}
