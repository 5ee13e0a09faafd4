package dev.guardrails.scanner.fix.fixers;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.guardrails.scanner.fix.Edit;
import dev.guardrails.scanner.fix.FixContext;
import dev.guardrails.scanner.fix.Fixer;
import dev.guardrails.scanner.fix.Proposal;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.ManifestObject;

/**
 * A missing request or limit set to the policy's default ({@code fixes.resources}); without one
 * there is no right value to write, so the finding is not auto-fixable.
 *
 * @param ruleId   the rule
 * @param section  {@code requests} or {@code limits}
 * @param resource {@code cpu} or {@code memory}
 */
public record ResourceDefaultFix(String ruleId, String section, String resource) implements Fixer {

    @Override
    public String describe() {
        return "sets resources." + section + "." + resource + " to fixes.resources." + section + "." + resource
                + " from .guardrails.yaml";
    }

    @Override
    public Proposal propose(ManifestObject object, Finding finding, FixContext context) {
        String value = (section.equals("requests") ? context.defaults().requests() : context.defaults().limits()).get(resource);
        if (value == null) {
            return Proposal.none("set fixes.resources." + section + "." + resource + " in .guardrails.yaml to let guardrails fix it");
        }
        if (!finding.path().endsWith("resources." + section + "." + resource)) {
            return Proposal.none("the finding is not about resources." + section + "." + resource);
        }
        return Proposal.of(Edit.set(finding.path(), TextNode.valueOf(value)));
    }
}
