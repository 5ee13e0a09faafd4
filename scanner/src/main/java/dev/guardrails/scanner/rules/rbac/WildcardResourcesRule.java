package dev.guardrails.scanner.rules.rbac;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;
import java.util.Optional;

/** A Role or ClusterRole rule applies to every resource of its API groups. */
public final class WildcardResourcesRule extends GrantCheck {

    private static final RuleInfo INFO = RuleInfo.of(
            "rbac-wildcard-resources",
            "Role grants access to every resource",
            Category.RBAC,
            Severity.HIGH,
            "resources: [\"*\"] covers Secrets, pods/exec, roles and every resource a CRD adds later, so a "
                    + "narrow-looking verb list still reaches credentials and privilege escalation paths.",
            "List the resources the workload needs by name, subresources included (e.g. deployments, "
                    + "deployments/scale).")
            .withDefaultMode(Mode.WARN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    Optional<Violation> check(ManifestObject role, Grant grant) {
        int i = grant.resources().indexOf(Grant.ANY);
        return i < 0 ? Optional.empty() : Optional.of(new Violation(grant.field("resources", i),
                describe(role) + " grants " + String.join(", ", grant.verbs()) + " on every resource of API groups "
                        + grant.apiGroups().stream().map(g -> g.isEmpty() ? "\"\" (core)" : g).toList()));
    }
}
