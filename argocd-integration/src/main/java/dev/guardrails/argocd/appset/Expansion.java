package dev.guardrails.argocd.appset;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What an offline expansion of one ApplicationSet produced.
 *
 * <p>Problems are reported instead of thrown because an ApplicationSet is usually only partly
 * expandable offline (a cluster generator next to a git generator, say); callers scan what was
 * generated and surface the rest to the user.
 *
 * @param applications generated {@code argoproj.io/v1alpha1} Application manifests, in generator
 *     order, each with the rendered template metadata and full spec
 * @param problems human-readable reasons why something was not (or not fully) expanded, each
 *     prefixed with where in the ApplicationSet it arose
 */
public record Expansion(List<ObjectNode> applications, List<String> problems) {

    public Expansion {
        applications = List.copyOf(applications);
        problems = List.copyOf(problems);
    }
}
