package dev.guardrails.scanner.fix.fixers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.guardrails.scanner.fix.Edit;
import dev.guardrails.scanner.fix.FixContext;
import dev.guardrails.scanner.fix.Fixer;
import dev.guardrails.scanner.fix.Proposal;
import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.FieldPath;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.ManifestObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Missing required labels set to the values the policy gives under {@code fixes.labels}. */
public final class RequiredLabelsFix implements Fixer {

    @Override
    public String ruleId() {
        return "required-labels";
    }

    @Override
    public String describe() {
        return "adds each missing required label with its value from fixes.labels in .guardrails.yaml";
    }

    @Override
    public Proposal propose(ManifestObject object, Finding finding, FixContext context) {
        // One finding covers the object's labels and its pod template's: both are fixed together.
        List<String> labelPaths = new ArrayList<>(List.of(FieldPath.key("metadata", "labels")));
        if (PodTemplate.isWorkloadKind(object.kind()) && !"Pod".equals(object.kind())) {
            PodTemplate.of(object).ifPresent(pod -> labelPaths.add(FieldPath.key(pod.metadataPath(), "labels")));
        }
        List<Edit> edits = new ArrayList<>();
        Set<String> unknown = new LinkedHashSet<>();
        for (String path : labelPaths) {
            JsonNode labels = object.at(path);
            for (String key : context.settings().requiredLabels()) {
                JsonNode current = labels.path(key);
                if (!current.isMissingNode() && !current.isNull()) {
                    continue;
                }
                String value = context.defaults().labels().get(key);
                if (value == null) {
                    unknown.add(key);
                } else {
                    edits.add(Edit.set(FieldPath.key(path, key), TextNode.valueOf(value)));
                }
            }
        }
        if (!unknown.isEmpty()) {
            return Proposal.none("set fixes.labels." + String.join(", fixes.labels.", unknown)
                    + " in .guardrails.yaml to let guardrails fix it");
        }
        return edits.isEmpty() ? Proposal.none("no required label is missing") : Proposal.of(edits);
    }
}
