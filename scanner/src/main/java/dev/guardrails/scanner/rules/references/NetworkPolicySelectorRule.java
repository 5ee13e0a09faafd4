package dev.guardrails.scanner.rules.references;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Bundle;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import dev.guardrails.scanner.rules.availability.Workloads;
import java.util.List;

/** A NetworkPolicy's podSelector matches none of the app's pods. */
public final class NetworkPolicySelectorRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "network-policy-selects-no-pods",
            "NetworkPolicy selects no pod of the app",
            Category.REFERENCES,
            Severity.LOW,
            "A NetworkPolicy whose podSelector matches no pod isolates nothing, so the traffic it was "
                    + "written to restrict still flows, usually after pod labels changed.",
            "Make spec.podSelector match the pod template labels of the workloads it protects, or use {} "
                    + "for every pod of the namespace.")
            .withDefaultMode(Mode.AUDIT);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        if (!object.kind().equals("NetworkPolicy") || !object.apiVersion().startsWith("networking.k8s.io/")) {
            return List.of();
        }
        JsonNode selector = object.at("spec.podSelector");
        Bundle bundle = context.bundle();
        String namespace = bundle.namespaceOf(object);
        if (!selector.isObject() || Workloads.selectsAll(selector) || !AppPods.judgeable(bundle, namespace)
                || PdbSelectorRule.selectsSome(selector, bundle, namespace)) {
            return List.of();
        }
        return List.of(new Violation("spec.podSelector", "NetworkPolicy \"" + object.name()
                + "\" selects no pod template of the app in namespace \"" + namespace + "\""));
    }
}
