package dev.guardrails.scanner.render;

import java.util.Objects;

/**
 * One {@code --set-file name=path} value. The path is relative to the chart directory, or to the
 * repo root when it starts with {@code /}; it may never leave the repo.
 */
public record HelmFileParameter(String name, String path) {

    public HelmFileParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
    }
}
