package dev.guardrails.scanner.rules.rbac;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;
import java.util.Optional;

/** A Role or ClusterRole rule allows every verb, present and future. */
public final class WildcardVerbsRule extends GrantCheck {

    private static final RuleInfo INFO = RuleInfo.of(
            "rbac-wildcard-verbs",
            "Role grants every verb",
            Category.RBAC,
            Severity.HIGH,
            "verbs: [\"*\"] grants escalate, bind, impersonate, delete and any verb added later, so the role "
                    + "holds far more than the workload uses and cannot be reviewed by reading it.",
            "List the verbs the workload needs, e.g. get, list and watch for a controller that only reads.")
            .withDefaultMode(Mode.WARN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    Optional<Violation> check(ManifestObject role, Grant grant) {
        int i = grant.verbs().indexOf(Grant.ANY);
        return i < 0 ? Optional.empty() : Optional.of(new Violation(grant.field("verbs", i),
                describe(role) + " grants every verb on " + String.join(", ", grant.resources())));
    }
}
