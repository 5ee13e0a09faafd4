package dev.guardrails.scanner.rules.rbac;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;
import java.util.Optional;

/** A role lets its holder run commands in, or attach to, running containers. */
public final class PodExecRule extends GrantCheck {

    private static final RuleInfo INFO = RuleInfo.of(
            "rbac-pod-exec",
            "Role grants pods/exec or pods/attach",
            Category.RBAC,
            Severity.HIGH,
            "Exec and attach give a shell in the container with its service-account token, mounted Secrets "
                    + "and network position, which bypasses every control on what the workload itself may do.",
            "Remove pods/exec and pods/attach from the role; grant them to people through a separate, "
                    + "audited break-glass role rather than to workloads.")
            .withDefaultMode(Mode.WARN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    Optional<Violation> check(ManifestObject role, Grant grant) {
        // kubectl exec upgrades a GET or POST request, so get is as good as create.
        return namedResource(role, grant, "", List.of("pods/exec", "pods/attach"), List.of("create", "get"),
                "lets its holder run commands in containers");
    }
}
