package dev.guardrails.scanner.rules.rbac;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;
import java.util.Optional;

/** A role reaches the kubelet API through the API server. */
public final class NodesProxyRule extends GrantCheck {

    private static final RuleInfo INFO = RuleInfo.of(
            "rbac-nodes-proxy",
            "Role grants nodes/proxy",
            Category.RBAC,
            Severity.HIGH,
            "nodes/proxy forwards requests to the kubelet API, which runs commands in any container of the "
                    + "node and is not covered by pod-level RBAC or audit of pods/exec.",
            "Remove nodes/proxy; grant nodes/metrics or nodes/stats for monitoring instead.")
            .withDefaultMode(Mode.WARN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    Optional<Violation> check(ManifestObject role, Grant grant) {
        return namedResource(role, grant, "", List.of("nodes/proxy"), List.of("get", "create", "update", "patch"),
                "reaches the kubelet API of nodes");
    }
}
