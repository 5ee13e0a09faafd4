package dev.guardrails.scanner.config;

import java.util.Map;
import java.util.Objects;

/**
 * A cluster the ApplicationSet {@code clusters} generator may target, as {@code clusters:} in
 * {@code .guardrails.yaml} lists it (Argo CD reads them from its cluster Secrets, which a repo scan
 * cannot see).
 *
 * @param name        the cluster name ({@code name} param)
 * @param server      the API server URL ({@code server} param)
 * @param project     the Argo CD project it is limited to, empty for any
 * @param labels      the cluster Secret's labels ({@code metadata.labels.*}, and what selectors match)
 * @param annotations the cluster Secret's annotations ({@code metadata.annotations.*})
 */
public record ClusterConfig(String name, String server, String project, Map<String, String> labels,
                            Map<String, String> annotations) {

    public ClusterConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(server, "server");
        project = project == null ? "" : project;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }
}
