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
import java.util.Optional;

/** An Ingress routes to a port its Service does not have. */
public final class IngressBackendPortRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "ingress-backend-port-missing",
            "Ingress routes to a port its Service does not have",
            Category.REFERENCES,
            Severity.HIGH,
            "An Ingress backend's port must be one of the Service's ports (by number or name); otherwise "
                    + "the controller has no upstream and the paths answer 503.",
            "Use the Service's spec.ports[].port number or spec.ports[].name in the backend.")
            .withDefaultMode(Mode.WARN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        return wrongPorts(Backends.ofIngress(object, context.bundle()), object, context.bundle());
    }

    /** Backends whose Service the app defines without the port they ask for. */
    static List<Violation> wrongPorts(List<Backends.Backend> backends, ManifestObject object, Bundle bundle) {
        List<Violation> out = new ArrayList<>();
        for (Backends.Backend b : backends) {
            Optional<ManifestObject> service = Services.named(bundle, b.namespace(), b.service());
            if (service.isEmpty() || b.portName() == null && b.portNumber() <= 0) {
                continue;
            }
            if (!Services.hasPort(service.get(), b.portName(), b.portNumber())) {
                String port = b.portName() != null ? "\"" + b.portName() + "\"" : String.valueOf(b.portNumber());
                out.add(new Violation(b.portPath(), object.kind() + " \"" + object.name() + "\" routes to port " + port
                        + " of Service \"" + b.service() + "\", which has no such port"));
            }
        }
        return out;
    }
}
