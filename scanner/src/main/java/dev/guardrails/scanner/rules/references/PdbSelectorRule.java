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

/** A PodDisruptionBudget selects none of the app's pods. */
public final class PdbSelectorRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "pdb-selects-no-pods",
            "PodDisruptionBudget selects no pod of the app",
            Category.REFERENCES,
            Severity.MEDIUM,
            "A PodDisruptionBudget whose selector matches no pod protects nothing: drains evict the "
                    + "workload it was written for all at once, while the budget looks fine in review.",
            "Make spec.selector match the pod template labels of the workload it protects.")
            .withDefaultMode(Mode.WARN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        if (!object.kind().equals("PodDisruptionBudget")) {
            return List.of();
        }
        Bundle bundle = context.bundle();
        String namespace = bundle.namespaceOf(object);
        JsonNode selector = object.at("spec.selector");
        boolean v1 = object.apiVersion().equals("policy/v1");
        if (!selector.isObject()) {
            return List.of(new Violation("spec", "PodDisruptionBudget \"" + object.name()
                    + "\" has no selector, so it selects no pod"));
        }
        if (Workloads.selectsAll(selector)) {
            return v1 ? List.of() : List.of(new Violation("spec.selector", "PodDisruptionBudget \"" + object.name()
                    + "\" has an empty selector, which " + object.apiVersion() + " reads as selecting no pod"));
        }
        if (!AppPods.judgeable(bundle, namespace) || selectsSome(selector, bundle, namespace)) {
            return List.of();
        }
        return List.of(new Violation("spec.selector", "PodDisruptionBudget \"" + object.name()
                + "\" selects no pod template of the app in namespace \"" + namespace + "\""));
    }

    static boolean selectsSome(JsonNode selector, Bundle bundle, String namespace) {
        return AppPods.in(bundle, namespace).stream().anyMatch(p -> Workloads.selects(selector, p.labels()));
    }
}
