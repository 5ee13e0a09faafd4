package dev.guardrails.scanner.discovery;

import dev.guardrails.scanner.render.HelmOptions;
import dev.guardrails.scanner.render.SourceType;
import java.util.Objects;

/**
 * An app found in a repo without any Argo CD Application pointing at it.
 *
 * @param name app name: its path ({@code .} for the root), or {@code <path>@<env>} for one
 *             environment of a helm chart with {@code values-<env>.yaml} files
 * @param path repo-relative dir with {@code /} separators; {@code .} is the root
 * @param type how to render it
 * @param helm helm options (the environment's value file) for {@link SourceType#HELM}; {@code null} otherwise
 */
public record AppSource(String name, String path, SourceType type, HelmOptions helm) {

    public AppSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
    }
}
