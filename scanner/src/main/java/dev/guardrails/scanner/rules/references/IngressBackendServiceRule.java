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
import java.util.ArrayList;
import java.util.List;

/** An Ingress routes to a Service the app does not define. */
public final class IngressBackendServiceRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "ingress-backend-service-missing",
            "Ingress routes to a Service the app does not define",
            Category.REFERENCES,
            Severity.MEDIUM,
            "An Ingress backend naming a Service that does not exist answers 503 (or the controller's "
                    + "default backend) for its paths, typically after a Service was renamed.",
            "Point the backend at a Service of the app in the Ingress's namespace, or add that Service.")
            .withDefaultMode(Mode.WARN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        return missingServices(Backends.ofIngress(object, context.bundle()), object, context.bundle());
    }

    /** Backends whose Service the app lacks, unless an operator of the app may create it. */
    static List<Violation> missingServices(List<Backends.Backend> backends, ManifestObject object, Bundle bundle) {
        List<Violation> out = new ArrayList<>();
        for (Backends.Backend b : backends) {
            if (Services.named(bundle, b.namespace(), b.service()).isEmpty()
                    && !AppPods.mayHaveOperatorObjects(bundle, b.namespace())) {
                out.add(new Violation(b.path(), object.kind() + " \"" + object.name() + "\" routes to Service \""
                        + b.service() + "\", which the app does not define in namespace \"" + b.namespace() + "\""));
            }
        }
        return out;
    }
}
