package dev.guardrails.scanner.render;

import java.util.Locale;

/** How an app's manifests are produced, named as Argo CD names its source types. */
public enum SourceType {
    HELM,
    KUSTOMIZE,
    DIRECTORY;

    /** Lower-case id used in config and reports: {@code helm}, {@code kustomize}, {@code directory}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
