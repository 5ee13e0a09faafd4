package dev.guardrails.scanner.rules.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.FieldPath;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every object carries the configured label keys; workloads carry them on their pod template too,
 * since pods, not their controllers, are what cost reports and alerts group by.
 */
public final class RequiredLabelsRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "required-labels",
            "Required label is missing",
            Category.METADATA,
            Severity.LOW,
            "Labels such as the app name and owner are how alerts, cost reports and incident "
                    + "responders find who runs an object; without them it is orphaned.",
            "Add the missing label keys to metadata.labels, and for workloads to the pod "
                    + "template's metadata.labels as well (Kustomize labels or commonLabels can set both).");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<String> required = context.settings().requiredLabels();
        List<Violation> out = new ArrayList<>();
        if (required.isEmpty()) {
            return out;
        }
        missing(object.metadata(), "metadata", required, object.kind() + " \"" + object.name() + "\"", out);
        Optional<PodTemplate> pod = PodTemplate.isWorkloadKind(object.kind()) && !"Pod".equals(object.kind())
                ? PodTemplate.of(object) : Optional.empty();
        pod.ifPresent(p -> missing(p.metadata(), p.metadataPath(), required,
                "the pod template of " + object.kind() + " \"" + object.name() + "\"", out));
        return out;
    }

    private static void missing(JsonNode metadata, String metadataPath, List<String> required, String where,
                                List<Violation> out) {
        JsonNode labels = metadata.path("labels");
        for (String key : required) {
            JsonNode value = labels.path(key);
            if (value.isMissingNode() || value.isNull()) {
                out.add(new Violation(FieldPath.key(metadataPath, "labels"),
                        where + " has no label \"" + key + "\""));
            }
        }
    }
}
