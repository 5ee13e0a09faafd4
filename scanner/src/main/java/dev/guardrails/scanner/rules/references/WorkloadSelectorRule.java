package dev.guardrails.scanner.rules.references;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import dev.guardrails.scanner.rules.availability.Workloads;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A workload's selector does not match its own pod template's labels. */
public final class WorkloadSelectorRule implements Rule {

    private static final Set<String> KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Rollout");

    private static final RuleInfo INFO = RuleInfo.of(
            "workload-selector-mismatch",
            "Workload selector does not match its pod template labels",
            Category.REFERENCES,
            Severity.HIGH,
            "The API server rejects a workload whose selector does not select its own template, so the "
                    + "sync fails; a ReplicationController or manual Job selector that misses creates pods forever.",
            "Make spec.selector.matchLabels a subset of spec.template.metadata.labels (the selector of an "
                    + "existing Deployment is immutable: change the labels, not the selector).");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        Optional<PodTemplate> pod = PodTemplate.of(object);
        if (pod.isEmpty()) {
            return List.of();
        }
        Map<String, String> labels = pod.get().labels();
        String name = object.kind() + " \"" + object.name() + "\"";
        JsonNode selector = object.at("spec.selector");
        if (object.kind().equals("ReplicationController")) {
            // A map selector, defaulting to the template's labels.
            if (selector.isObject() && !selector.isEmpty()) {
                Map<String, String> wanted = new java.util.LinkedHashMap<>();
                selector.fields().forEachRemaining(e -> wanted.put(e.getKey(), e.getValue().asText()));
                if (!labels.entrySet().containsAll(wanted.entrySet())) {
                    return List.of(new Violation("spec.selector", name + " selects " + wanted
                            + ", which its pod template labels " + labels + " do not carry"));
                }
            }
            return List.of();
        }
        boolean manualJob = object.kind().equals("Job") && object.at("spec.manualSelector").asBoolean(false);
        if (!KINDS.contains(object.kind()) && !manualJob) {
            return List.of();
        }
        if (!selector.isObject()) {
            // extensions/v1beta1 and apps/v1beta1 defaulted the selector; apps/v1 requires one.
            return object.apiVersion().equals("apps/v1") || manualJob
                    ? List.of(new Violation("spec", name + " has no spec.selector, which the API server requires"))
                    : List.of();
        }
        if (Workloads.selectsAll(selector)) {
            return List.of(new Violation("spec.selector", name + " has an empty selector, which the API server rejects"));
        }
        if (!Workloads.selects(selector, labels)) {
            return List.of(new Violation("spec.selector", name + "'s selector does not match its pod template labels "
                    + labels));
        }
        return List.of();
    }
}
