package dev.guardrails.scanner.fix.fixers;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.guardrails.scanner.fix.Edit;
import dev.guardrails.scanner.fix.FixContext;
import dev.guardrails.scanner.fix.Fixer;
import dev.guardrails.scanner.fix.Proposal;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.ManifestObject;

/**
 * Pins an image by the digest the repo already pins the same reference by elsewhere (another
 * app, another environment). No registry is asked: the tool stays offline, so an image the repo
 * never pins is not auto-fixable.
 */
public final class ImageDigestFix implements Fixer {

    @Override
    public String ruleId() {
        return "image-digest-missing";
    }

    @Override
    public String describe() {
        return "appends the @sha256 digest that the repo already pins the same image:tag by elsewhere";
    }

    @Override
    public Proposal propose(ManifestObject object, Finding finding, FixContext context) {
        String image = object.at(finding.path()).asText("");
        if (image.isEmpty() || !finding.path().endsWith("image")) {
            return Proposal.none("the finding is not about an image field");
        }
        String digest = context.knownDigests().get(image);
        if (digest == null) {
            return Proposal.none("the repo never pins " + image + " by digest; guardrails does not ask registries");
        }
        return Proposal.of(Edit.set(finding.path(), TextNode.valueOf(image + "@" + digest)));
    }
}
