package dev.guardrails.scanner.rules.references;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Bundle;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;

/** A Gateway API route sends traffic to a Service the app does not define. */
public final class RouteBackendServiceRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "route-backend-service-missing",
            "Gateway API route refers to a Service the app does not define",
            Category.REFERENCES,
            Severity.MEDIUM,
            "A backendRef to a missing Service makes the gateway answer 500 for the share of traffic that "
                    + "backend carries, and the route reports ResolvedRefs=False only on the cluster.",
            "Point backendRefs at a Service of the app, or add that Service.")
            .withDefaultMode(Mode.WARN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        Bundle bundle = context.bundle();
        String own = bundle.namespaceOf(object);
        // A Service in another namespace (behind a ReferenceGrant) usually belongs to another app.
        List<Backends.Backend> local = Backends.ofRoute(object, bundle).stream()
                .filter(b -> b.namespace().equals(own)).toList();
        return IngressBackendServiceRule.missingServices(local, object, bundle);
    }
}
