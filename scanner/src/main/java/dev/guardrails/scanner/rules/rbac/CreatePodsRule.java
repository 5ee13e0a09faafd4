package dev.guardrails.scanner.rules.rbac;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;
import java.util.Optional;

/** A role may create pods directly. */
public final class CreatePodsRule extends GrantCheck {

    private static final RuleInfo INFO = RuleInfo.of(
            "rbac-create-pods",
            "Role may create pods",
            Category.RBAC,
            Severity.MEDIUM,
            "Whoever can create a pod can run it as any service account of the namespace and mount any of "
                    + "its Secrets, so pod creation is equivalent to reading every Secret and token there.",
            "Remove create on pods unless the workload is a controller that must launch pods; then keep "
                    + "its role in its own namespace.")
            .withDefaultMode(Mode.AUDIT);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    Optional<Violation> check(ManifestObject role, Grant grant) {
        return namedResource(role, grant, "", List.of("pods"), List.of("create"), "may create pods");
    }
}
