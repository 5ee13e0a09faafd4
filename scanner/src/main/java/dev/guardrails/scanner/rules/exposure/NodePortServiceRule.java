package dev.guardrails.scanner.rules.exposure;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;

/** A Service of type NodePort opens its port on every node of the cluster. */
public final class NodePortServiceRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "service-node-port",
            "Service opens a port on every node",
            Category.NETWORKING,
            Severity.MEDIUM,
            "A NodePort Service listens on every node's address, outside the ingress layer and often "
                    + "outside what NetworkPolicies and security groups were written for, and node ports "
                    + "are a small shared range that teams collide in.",
            "Use type ClusterIP behind the shared Ingress or Gateway; if a node port is really needed, "
                    + "restrict it with the node firewall and an exemption that says why.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        if ("Service".equals(object.kind()) && "NodePort".equals(object.at("spec.type").asText())) {
            return List.of(new Violation("spec.type", "Service \"" + object.name() + "\" is of type NodePort"));
        }
        return List.of();
    }
}
