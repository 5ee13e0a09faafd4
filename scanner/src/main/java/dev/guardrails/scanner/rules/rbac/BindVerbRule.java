package dev.guardrails.scanner.rules.rbac;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;
import java.util.Optional;

/** A role may bind roles it does not hold. */
public final class BindVerbRule extends GrantCheck {

    private static final RuleInfo INFO = RuleInfo.of(
            "rbac-bind",
            "Role grants the bind verb",
            Category.RBAC,
            Severity.HIGH,
            "bind on roles or clusterroles lets the holder create bindings to roles stronger than its own, "
                    + "cluster-admin included, bypassing RBAC's escalation check.",
            "Remove bind, or restrict it with resourceNames to the few roles the holder may hand out.")
            .withDefaultMode(Mode.WARN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    Optional<Violation> check(ManifestObject role, Grant grant) {
        if (grant.narrowedByName()) {
            return Optional.empty();
        }
        return namedVerb(role, grant, "bind", Rbac.GROUP, List.of("roles", "clusterroles"),
                "may bind roles it does not hold");
    }
}
