package dev.guardrails.scanner.rules.rbac;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;
import java.util.Optional;

/** A Role or ClusterRole rule applies to every API group. */
public final class WildcardApiGroupsRule extends GrantCheck {

    private static final RuleInfo INFO = RuleInfo.of(
            "rbac-wildcard-api-groups",
            "Role grants access in every API group",
            Category.RBAC,
            Severity.MEDIUM,
            "apiGroups: [\"*\"] matches same-named resources of every group, including groups installed "
                    + "later by CRDs, so the grant grows without anyone changing the role.",
            "List the API groups the resources belong to (\"\" for the core group, apps, batch, ...).")
            .withDefaultMode(Mode.AUDIT);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    Optional<Violation> check(ManifestObject role, Grant grant) {
        int i = grant.apiGroups().indexOf(Grant.ANY);
        return i < 0 ? Optional.empty() : Optional.of(new Violation(grant.field("apiGroups", i),
                describe(role) + " grants " + String.join(", ", grant.resources()) + " in every API group"));
    }
}
