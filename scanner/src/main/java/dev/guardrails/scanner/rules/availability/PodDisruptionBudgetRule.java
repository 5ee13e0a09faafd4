package dev.guardrails.scanner.rules.availability;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;
import java.util.Map;

/** A replicated workload has a PodDisruptionBudget in its bundle selecting its pods. */
public final class PodDisruptionBudgetRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "pdb-missing",
            "Replicated workload has no PodDisruptionBudget",
            Category.AVAILABILITY,
            Severity.MEDIUM,
            "Without a PodDisruptionBudget a node drain or cluster upgrade may evict every "
                    + "replica at once, so running several replicas does not keep the app up.",
            "Add a PodDisruptionBudget in the same namespace whose selector matches the pod "
                    + "template labels, e.g. with maxUnavailable: 1.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        if (!Workloads.isScalable(object)) {
            return List.of();
        }
        int replicas = Workloads.minimumReplicas(object, context.bundle());
        if (replicas <= 1) {
            return List.of();
        }
        Map<String, String> labels = Workloads.podLabels(object);
        String namespace = context.bundle().namespaceOf(object);
        for (ManifestObject pdb : context.bundle().ofKindInNamespace("PodDisruptionBudget", namespace)) {
            if (!labels.isEmpty() && Workloads.selects(pdb.at("spec.selector"), labels)) {
                return List.of();
            }
        }
        return List.of(new Violation("spec.replicas", object.kind() + " \"" + object.name()
                + "\" runs " + replicas + " replicas but no PodDisruptionBudget in namespace \""
                + namespace + "\" selects its pods"));
    }
}
