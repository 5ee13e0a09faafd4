package dev.guardrails.argocd.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Expands an ApplicationSet into the Applications its generators would create offline. The planner
 * depends on this seam rather than on an implementation, so tests can pass a fixed expansion; the
 * CLI plugs in {@code dev.guardrails.argocd.appset.ApplicationSetExpander}.
 */
@FunctionalInterface
public interface AppSetExpander {

    /** Never expands anything: for scans that ignore ApplicationSets. */
    AppSetExpander NONE = appSet -> new Expansion(List.of(),
            List.of("ApplicationSets are not expanded in this scan"));

    /**
     * @param appSet the ApplicationSet manifest
     * @return generated Application manifests and problems (generators that need the network, bad templates)
     */
    Expansion expand(ObjectNode appSet);

    /** What an expansion produced. */
    record Expansion(List<ObjectNode> applications, List<String> problems) {

        public Expansion {
            applications = List.copyOf(applications);
            problems = List.copyOf(problems);
        }
    }
}
