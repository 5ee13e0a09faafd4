package dev.guardrails.scanner.rules.rbac;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;
import java.util.Optional;

/** A role may mint tokens for service accounts. */
public final class ServiceAccountTokenRule extends GrantCheck {

    private static final RuleInfo INFO = RuleInfo.of(
            "rbac-service-account-token-create",
            "Role may create service account tokens",
            Category.RBAC,
            Severity.MEDIUM,
            "create on serviceaccounts/token mints a token for any service account in scope, so the holder "
                    + "gains the permissions of the most privileged account there.",
            "Restrict the rule with resourceNames to the service accounts the holder must act for, or remove it.")
            .withDefaultMode(Mode.AUDIT);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    Optional<Violation> check(ManifestObject role, Grant grant) {
        if (grant.narrowedByName()) {
            return Optional.empty();
        }
        return namedResource(role, grant, "", List.of("serviceaccounts/token"), List.of("create"),
                "may mint service account tokens");
    }
}
