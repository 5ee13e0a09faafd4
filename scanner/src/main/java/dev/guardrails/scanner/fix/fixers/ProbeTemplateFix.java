package dev.guardrails.scanner.fix.fixers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guardrails.scanner.fix.Edit;
import dev.guardrails.scanner.fix.FixContext;
import dev.guardrails.scanner.fix.Fixer;
import dev.guardrails.scanner.fix.Proposal;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.ManifestObject;

/**
 * A missing probe filled from the template the policy names ({@code fixes.probes.<probe>}); a
 * probe is the application's contract, so without a template nothing is guessed.
 *
 * @param ruleId the rule
 * @param probe  {@code livenessProbe} or {@code readinessProbe}
 */
public record ProbeTemplateFix(String ruleId, String probe) implements Fixer {

    @Override
    public String describe() {
        return "adds " + probe + " from fixes.probes." + probe + " in .guardrails.yaml";
    }

    @Override
    public Proposal propose(ManifestObject object, Finding finding, FixContext context) {
        ObjectNode template = context.defaults().probes().get(probe);
        if (template == null) {
            return Proposal.none("set fixes.probes." + probe + " in .guardrails.yaml to let guardrails fix it");
        }
        if (!finding.path().endsWith(probe)) {
            return Proposal.none("the finding is not about " + probe);
        }
        return Proposal.of(Edit.set(finding.path(), template.deepCopy()));
    }
}
