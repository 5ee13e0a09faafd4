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

/**
 * A workload an autoscaler manages also sets {@code spec.replicas}. In GitOps every sync resets
 * the replica count to the manifest's, fighting the autoscaler.
 */
public final class HpaTargetReplicasRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "hpa-target-replicas-set",
            "Autoscaled workload also sets replicas",
            Category.AVAILABILITY,
            Severity.MEDIUM,
            "Argo CD applies spec.replicas on every sync and self-heal, so a workload an autoscaler "
                    + "scaled out drops back to the manifest's count, and the pods just added are killed "
                    + "under load.",
            "Remove spec.replicas from workloads an HPA or KEDA ScaledObject targets (or ignore the "
                    + "field with ignoreDifferences and RespectIgnoreDifferences=true).");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        if (!Workloads.isScalable(object) || Workloads.declaredReplicas(object).isEmpty()) {
            return List.of();
        }
        Optional<ManifestObject> scaler = Workloads.autoscalerOf(object, context.bundle());
        if (scaler.isEmpty()) {
            return List.of();
        }
        return List.of(new Violation("spec.replicas", object.kind() + " \"" + object.name() + "\" sets replicas "
                + Workloads.declaredReplicas(object).get() + " but " + scaler.get().kind() + " \""
                + scaler.get().name() + "\" scales it"));
    }
}
