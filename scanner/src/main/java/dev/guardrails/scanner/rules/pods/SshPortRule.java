package dev.guardrails.scanner.rules.pods;

import dev.guardrails.scanner.k8s.Container;
import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.ArrayList;
import java.util.List;

/** A container exposes the SSH port: an SSH server in a container is a back door. */
public final class SshPortRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "ssh-port",
            "Container exposes the SSH port",
            Category.HARDENING,
            Severity.MEDIUM,
            "An SSH server inside a container is a second, unaudited way in that bypasses RBAC and "
                    + "the API server's audit log, and its keys are rarely rotated.",
            "Remove the SSH server and port 22; use kubectl exec or an ephemeral debug container, "
                    + "which RBAC controls and the audit log records.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        PodTemplate.of(object).ifPresent(pod -> {
            for (Container c : pod.allContainers()) {
                for (PodRules.Element port : PodRules.elements(c, "ports")) {
                    if (PodRules.portNumber(port.node().path("containerPort")) == 22
                            && PodRules.protocol(port).equals("TCP")) {
                        out.add(new Violation(port.field("containerPort"), c.describe() + " exposes SSH port 22"));
                    }
                }
            }
        });
        return out;
    }
}
