package dev.guardrails.argocd.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guardrails.scanner.model.SourceSpan;
import java.util.List;

/**
 * An Argo CD Application, bound once from its manifest by {@link ApplicationReader}.
 *
 * @param name        {@code metadata.name}
 * @param namespace   {@code metadata.namespace} (the control-plane namespace), may be empty
 * @param project     {@code spec.project}, {@code default} when unset
 * @param sources     {@code spec.sources} when non-empty, else the single {@code spec.source}
 * @param destination where it deploys
 * @param origin      where the manifest was found (a repo file, or the rendered output of a parent app)
 * @param raw         the manifest as read, for comparing definitions found twice
 */
public record Application(String name, String namespace, String project, List<ApplicationSource> sources,
                          Destination destination, SourceSpan origin, ObjectNode raw) {

    public Application {
        sources = List.copyOf(sources);
    }

    /**
     * {@code spec.destination}.
     *
     * @param server    API server URL
     * @param name      cluster name
     * @param namespace namespace for objects that name none; may be empty
     */
    public record Destination(String server, String name, String namespace) {
    }
}
