package dev.guardrails.scanner.fix.fixers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.fix.Edit;
import dev.guardrails.scanner.fix.FixContext;
import dev.guardrails.scanner.fix.Fixer;
import dev.guardrails.scanner.fix.Proposal;
import dev.guardrails.scanner.model.FieldPath;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.ManifestObject;
import java.util.List;

/**
 * A rule whose finding points at one field that has a single safe value: the fix sets it. The
 * finding's path names the field (set or missing) in the container or pod that breaks the rule.
 *
 * @param ruleId the rule
 * @param field  the field's key, the last segment of the finding's path
 * @param value  the value that satisfies the rule
 */
public record FieldValueFix(String ruleId, String field, JsonNode value) implements Fixer {

    @Override
    public String describe() {
        return "sets " + field + ": " + value.asText();
    }

    @Override
    public Proposal propose(ManifestObject object, Finding finding, FixContext context) {
        List<String> segments = FieldPath.segments(finding.path());
        if (segments.isEmpty() || !segments.get(segments.size() - 1).equals(field)) {
            return Proposal.none("the finding is not about " + field);
        }
        return Proposal.of(Edit.set(finding.path(), value));
    }
}
