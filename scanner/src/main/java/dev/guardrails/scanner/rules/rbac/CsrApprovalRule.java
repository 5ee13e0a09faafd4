package dev.guardrails.scanner.rules.rbac;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;
import java.util.Optional;

/** A role may approve certificate signing requests. */
public final class CsrApprovalRule extends GrantCheck {

    private static final RuleInfo INFO = RuleInfo.of(
            "rbac-csr-approve",
            "Role may approve certificate signing requests",
            Category.RBAC,
            Severity.HIGH,
            "Approving CertificateSigningRequests lets the holder issue client certificates the API server "
                    + "trusts, for any user or group the signer allows, system:masters included with some signers.",
            "Remove update on certificatesigningrequests/approval and approve on signers; leave approval to "
                    + "the platform's approver controller.")
            .withDefaultMode(Mode.WARN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    Optional<Violation> check(ManifestObject role, Grant grant) {
        Optional<Violation> approval = namedResource(role, grant, "certificates.k8s.io",
                List.of("certificatesigningrequests/approval"), List.of("update", "patch"), "may approve certificates");
        return approval.isPresent() ? approval : namedVerb(role, grant, "approve", "certificates.k8s.io",
                List.of("signers"), "may approve certificates");
    }
}
