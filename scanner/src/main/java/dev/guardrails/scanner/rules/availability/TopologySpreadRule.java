package dev.guardrails.scanner.rules.availability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Replicas are spread over nodes or zones by topology constraints or pod anti-affinity. */
public final class TopologySpreadRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "topology-spread-missing",
            "Replicas are not spread across nodes or zones",
            Category.AVAILABILITY,
            Severity.MEDIUM,
            "Without spread constraints the scheduler may place every replica on one node or in "
                    + "one zone, and losing it takes the whole app down.",
            "Add topologySpreadConstraints (e.g. on topology.kubernetes.io/zone and "
                    + "kubernetes.io/hostname) or a podAntiAffinity rule to the pod template.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        if (!Workloads.isScalable(object) || Workloads.minimumReplicas(object, context.bundle()) <= 1) {
            return List.of();
        }
        Optional<PodTemplate> pod = PodTemplate.of(object);
        if (pod.isEmpty()) {
            return List.of();
        }
        JsonNode spec = pod.get().spec();
        JsonNode constraints = spec.path("topologySpreadConstraints");
        JsonNode antiAffinity = spec.path("affinity").path("podAntiAffinity");
        if (constraints.isArray() && !constraints.isEmpty()
                || spreadsOwnPods(antiAffinity, pod.get().labels(), context.bundle().namespaceOf(object))) {
            return List.of();
        }
        String what = antiAffinity.isObject() && !antiAffinity.isEmpty()
                ? " has several replicas, no topologySpreadConstraints, and a podAntiAffinity that does not"
                        + " select its own pods"
                : " has several replicas but no topologySpreadConstraints or podAntiAffinity";
        return List.of(new Violation(pod.get().field("topologySpreadConstraints"),
                object.kind() + " \"" + object.name() + "\"" + what));
    }

    /**
     * Anti-affinity spreads replicas only when one of its terms selects the workload's own pods
     * (a term against another app's pods keeps this one's replicas together just as well).
     * A term applies to its own namespace unless it lists namespaces or has a namespaceSelector.
     */
    static boolean spreadsOwnPods(JsonNode antiAffinity, Map<String, String> podLabels, String namespace) {
        if (!antiAffinity.isObject()) {
            return false;
        }
        List<JsonNode> terms = new ArrayList<>();
        antiAffinity.path("requiredDuringSchedulingIgnoredDuringExecution").forEach(terms::add);
        antiAffinity.path("preferredDuringSchedulingIgnoredDuringExecution")
                .forEach(weighted -> terms.add(weighted.path("podAffinityTerm")));
        for (JsonNode term : terms) {
            if (term.path("topologyKey").asText("").isBlank()) {
                continue;
            }
            JsonNode namespaces = term.path("namespaces");
            boolean inNamespace = !namespaces.isArray() || namespaces.isEmpty()
                    || term.path("namespaceSelector").isObject()
                    || contains(namespaces, namespace);
            if (inNamespace && Workloads.selects(term.path("labelSelector"), podLabels)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode n : array) {
            if (n.asText("").equals(value)) {
                return true;
            }
        }
        return false;
    }
}
