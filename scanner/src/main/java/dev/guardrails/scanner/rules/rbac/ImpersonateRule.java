package dev.guardrails.scanner.rules.rbac;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;
import java.util.Optional;

/** A role may act as other users, groups or service accounts. */
public final class ImpersonateRule extends GrantCheck {

    private static final RuleInfo INFO = RuleInfo.of(
            "rbac-impersonate",
            "Role grants the impersonate verb",
            Category.RBAC,
            Severity.HIGH,
            "impersonate lets the holder send requests as another user, group or service account and so "
                    + "gain every permission of the identity it picks, system:masters included.",
            "Remove impersonate, or restrict it with resourceNames to the identities the holder must act as.")
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
        Optional<Violation> core = namedVerb(role, grant, "impersonate", "",
                List.of("users", "groups", "serviceaccounts"), "may act as other identities");
        return core.isPresent() ? core : namedVerb(role, grant, "impersonate", "authentication.k8s.io",
                List.of("userextras/scopes", "uids"), "may act as other identities");
    }
}
