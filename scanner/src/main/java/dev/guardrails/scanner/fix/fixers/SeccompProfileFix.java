package dev.guardrails.scanner.fix.fixers;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.guardrails.scanner.fix.Edit;
import dev.guardrails.scanner.fix.FixContext;
import dev.guardrails.scanner.fix.Fixer;
import dev.guardrails.scanner.fix.Proposal;
import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.ManifestObject;

/**
 * RuntimeDefault for a container without a profile is set once on the pod, as the rule's
 * remediation says; a profile that is set but unconfined is replaced where it is written.
 */
public final class SeccompProfileFix implements Fixer {

    private static final TextNode RUNTIME_DEFAULT = TextNode.valueOf("RuntimeDefault");

    @Override
    public String ruleId() {
        return "seccomp-profile-missing";
    }

    @Override
    public String describe() {
        return "sets the pod's securityContext.seccompProfile.type: RuntimeDefault";
    }

    @Override
    public Proposal propose(ManifestObject object, Finding finding, FixContext context) {
        if (finding.path().endsWith("seccompProfile.type")) {
            return Proposal.of(Edit.set(finding.path(), RUNTIME_DEFAULT));
        }
        return PodTemplate.of(object)
                .map(pod -> Proposal.of(Edit.set(pod.field("securityContext", "seccompProfile", "type"), RUNTIME_DEFAULT)))
                .orElse(Proposal.none("no pod template"));
    }
}
