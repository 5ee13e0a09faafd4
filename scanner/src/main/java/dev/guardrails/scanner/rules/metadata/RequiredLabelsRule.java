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

    /**
     * One violation per object, listing every missing key of the object and of its pod template:
     * a label finding per key and per place would multiply one oversight into many rows.
     */
    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<String> required = context.settings().requiredLabels();
        if (required.isEmpty()) {
            return List.of();
        }
        List<String> own = missing(object.metadata(), required);
        Optional<PodTemplate> pod = PodTemplate.isWorkloadKind(object.kind()) && !"Pod".equals(object.kind())
                ? PodTemplate.of(object) : Optional.empty();
        List<String> template = pod.map(p -> missing(p.metadata(), required)).orElse(List.of());
        if (own.isEmpty() && template.isEmpty()) {
            return List.of();
        }
        String name = object.kind() + " \"" + object.name() + "\"";
        List<String> parts = new ArrayList<>();
        if (!own.isEmpty()) {
            parts.add(name + " has no label" + plural(own) + " " + quoted(own));
        }
        if (!template.isEmpty()) {
            parts.add((own.isEmpty() ? "the pod template of " + name : "its pod template") + " has no label"
                    + plural(template) + " " + quoted(template));
        }
        String path = !own.isEmpty() ? FieldPath.key("metadata", "labels")
                : FieldPath.key(pod.get().metadataPath(), "labels");
        return List.of(new Violation(path, String.join("; ", parts)));
    }

    private static List<String> missing(JsonNode metadata, List<String> required) {
        JsonNode labels = metadata.path("labels");
        List<String> out = new ArrayList<>();
        for (String key : required) {
            JsonNode value = labels.path(key);
            if (value.isMissingNode() || value.isNull()) {
                out.add(key);
            }
        }
        return out;
    }

    private static String plural(List<String> keys) {
        return keys.size() == 1 ? "" : "s";
    }

    private static String quoted(List<String> keys) {
        return String.join(", ", keys.stream().map(k -> "\"" + k + "\"").toList());
    }
}
