package dev.guardrails.scanner.rules.rbac;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;
import java.util.Optional;

/** A role may grant permissions it does not hold itself. */
public final class EscalateVerbRule extends GrantCheck {

    private static final RuleInfo INFO = RuleInfo.of(
            "rbac-escalate",
            "Role grants the escalate verb",
            Category.RBAC,
            Severity.HIGH,
            "escalate on roles or clusterroles switches off RBAC's escalation check: the holder can write a "
                    + "role with any permission, cluster-admin included, and grant it.",
            "Remove escalate; let the holder manage only roles whose permissions it already has.")
            .withDefaultMode(Mode.WARN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    Optional<Violation> check(ManifestObject role, Grant grant) {
        return namedVerb(role, grant, "escalate", Rbac.GROUP, List.of("roles", "clusterroles"),
                "may write roles with permissions it lacks");
    }
}
