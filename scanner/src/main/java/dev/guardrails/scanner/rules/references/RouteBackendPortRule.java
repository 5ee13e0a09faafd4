package dev.guardrails.scanner.rules.references;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;

/** A Gateway API route sends traffic to a port its Service does not have. */
public final class RouteBackendPortRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "route-backend-port-missing",
            "Gateway API route refers to a port its Service does not have",
            Category.REFERENCES,
            Severity.HIGH,
            "A Service backendRef's port must be one of the Service's port numbers; otherwise the gateway "
                    + "cannot resolve the backend and fails the requests routed to it.",
            "Set backendRefs[].port to one of the Service's spec.ports[].port numbers.")
            .withDefaultMode(Mode.WARN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        return IngressBackendPortRule.wrongPorts(Backends.ofRoute(object, context.bundle()), object, context.bundle());
    }
}
