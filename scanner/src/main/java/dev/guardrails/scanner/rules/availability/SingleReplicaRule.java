package dev.guardrails.scanner.rules.availability;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;
import java.util.Optional;

/** A Deployment, StatefulSet or Rollout runs more than one replica or is autoscaled. */
public final class SingleReplicaRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "single-replica",
            "Workload runs a single replica",
            Category.AVAILABILITY,
            Severity.MEDIUM,
            "A single replica is down during every rollout, node drain or crash, so each of those "
                    + "becomes an outage.",
            "Set spec.replicas to 2 or more, or scale it with a HorizontalPodAutoscaler.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        if (!Workloads.isScalable(object) || Workloads.autoscalerOf(object, context.bundle()).isPresent()) {
            return List.of();
        }
        Optional<Integer> declared = Workloads.declaredReplicas(object);
        if (declared.isPresent() && declared.get() != 1) {
            // 0 is a deliberate scale-down; more than 1 is what we want.
            return List.of();
        }
        String how = declared.isPresent() ? "sets replicas: 1" : "leaves replicas unset (1)";
        return List.of(new Violation("spec.replicas",
                object.kind() + " \"" + object.name() + "\" " + how + " and no autoscaler targets it"));
    }
}
