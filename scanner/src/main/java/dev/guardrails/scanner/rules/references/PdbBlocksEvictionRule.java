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
import java.util.Optional;

/** A PodDisruptionBudget allows no voluntary eviction at all. */
public final class PdbBlocksEvictionRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "pdb-blocks-eviction",
            "PodDisruptionBudget allows no eviction",
            Category.REFERENCES,
            Severity.MEDIUM,
            "maxUnavailable 0, minAvailable 100%, or a minAvailable at least the replicas it selects "
                    + "leaves zero disruptions allowed, so node drains and cluster upgrades hang on this app.",
            "Allow at least one disruption: maxUnavailable: 1, or a minAvailable below the workload's "
                    + "(minimum) replica count.")
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
        String name = "PodDisruptionBudget \"" + object.name() + "\"";
        JsonNode maxUnavailable = object.at("spec.maxUnavailable");
        if (!maxUnavailable.isMissingNode() && !maxUnavailable.isNull()) {
            return isZero(maxUnavailable) ? List.of(new Violation("spec.maxUnavailable",
                    name + " sets maxUnavailable " + maxUnavailable.asText() + ", so no pod may ever be evicted"))
                    : List.of();
        }
        JsonNode minAvailable = object.at("spec.minAvailable");
        if (minAvailable.isTextual() && minAvailable.asText().endsWith("%")) {
            Optional<Integer> percent = number(minAvailable.asText().substring(0, minAvailable.asText().length() - 1));
            int replicas = selectedReplicas(object, context.bundle());
            // minAvailable percentages round up, so 90% of 3 pods is 3.
            boolean blocks = percent.isPresent() && (percent.get() >= 100
                    || replicas > 0 && (int) Math.ceil(percent.get() * replicas / 100.0) >= replicas);
            return blocks ? List.of(new Violation("spec.minAvailable", name + " requires minAvailable "
                    + minAvailable.asText() + (replicas > 0 ? " of " + replicas + " replicas" : "")
                    + ", so no pod may ever be evicted")) : List.of();
        }
        Optional<Integer> min = minAvailable.isIntegralNumber() ? Optional.of(minAvailable.asInt())
                : minAvailable.isTextual() ? number(minAvailable.asText()) : Optional.empty();
        int replicas = selectedReplicas(object, context.bundle());
        if (min.isPresent() && replicas > 0 && min.get() >= replicas) {
            return List.of(new Violation("spec.minAvailable", name + " requires minAvailable " + min.get()
                    + " but the workloads it selects run " + replicas + " replica(s), so no pod may ever be evicted"));
        }
        return List.of();
    }

    private static boolean isZero(JsonNode value) {
        String text = value.asText().trim();
        return text.equals("0") || text.equals("0%");
    }

    private static Optional<Integer> number(String text) {
        try {
            return Optional.of(Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The fewest replicas the selected workloads of the app run together (an autoscaler's minimum
     * counts); 0 when it selects none of them or a workload without a fixed count (a DaemonSet).
     */
    private static int selectedReplicas(ManifestObject pdb, Bundle bundle) {
        JsonNode selector = pdb.at("spec.selector");
        int total = 0;
        for (AppPods.PodSource pod : AppPods.in(bundle, bundle.namespaceOf(pdb))) {
            if (!Workloads.selects(selector, pod.labels())) {
                continue;
            }
            if (!Workloads.isScalable(pod.owner()) && !pod.owner().kind().equals("ReplicaSet")) {
                return 0;
            }
            total += Workloads.minimumReplicas(pod.owner(), bundle);
        }
        return total;
    }
}
