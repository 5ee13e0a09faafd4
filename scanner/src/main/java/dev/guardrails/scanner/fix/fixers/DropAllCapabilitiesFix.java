package dev.guardrails.scanner.fix.fixers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.guardrails.scanner.fix.Edit;
import dev.guardrails.scanner.fix.FixContext;
import dev.guardrails.scanner.fix.Fixer;
import dev.guardrails.scanner.fix.Proposal;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.ManifestObject;

/**
 * Adds ALL to capabilities.drop. An added capability is the application's need, not a slip: the
 * fix never removes one (that finding stays for a person to decide).
 */
public final class DropAllCapabilitiesFix implements Fixer {

    @Override
    public String ruleId() {
        return "capabilities-not-dropped";
    }

    @Override
    public String describe() {
        return "adds ALL to securityContext.capabilities.drop (added capabilities are left to you)";
    }

    @Override
    public Proposal propose(ManifestObject object, Finding finding, FixContext context) {
        if (!finding.path().endsWith("capabilities.drop")) {
            return Proposal.none("removing an added capability changes what the application can do; decide it by hand");
        }
        return Proposal.of(Edit.append(finding.path(), JsonNodeFactory.instance.arrayNode().add("ALL")));
    }
}
