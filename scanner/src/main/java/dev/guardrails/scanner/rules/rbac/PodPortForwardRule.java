package dev.guardrails.scanner.rules.rbac;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;
import java.util.Optional;

/** A role lets its holder open tunnels into pods. */
public final class PodPortForwardRule extends GrantCheck {

    private static final RuleInfo INFO = RuleInfo.of(
            "rbac-pod-port-forward",
            "Role grants pods/portforward",
            Category.RBAC,
            Severity.MEDIUM,
            "Port-forwarding reaches any port of any pod in scope straight through the API server, past "
                    + "NetworkPolicies and Ingress authentication.",
            "Remove pods/portforward from the role, or grant it only to people through a separate role.")
            .withDefaultMode(Mode.AUDIT);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    Optional<Violation> check(ManifestObject role, Grant grant) {
        return namedResource(role, grant, "", List.of("pods/portforward"), List.of("create", "get"),
                "lets its holder tunnel into pods");
    }
}
