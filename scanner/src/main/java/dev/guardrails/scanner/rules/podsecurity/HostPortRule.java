package dev.guardrails.scanner.rules.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.k8s.Container;
import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.FieldPath;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.PodSecurityLevel;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.ArrayList;
import java.util.List;

/** Container ports must not be bound on the node (PSS baseline, "Host Ports"). */
public final class HostPortRule implements Rule {

    private static final RuleInfo INFO = new RuleInfo(
            "host-port",
            "Container binds a host port",
            Category.POD_SECURITY,
            Severity.HIGH,
            PodSecurityLevel.BASELINE,
            "A hostPort opens the port on the node's own address, bypassing Services and "
                    + "NetworkPolicies, and limits scheduling to one such pod per node.",
            "Remove hostPort from the container ports and expose the workload through a Service.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        PodTemplate.of(object).ifPresent(pod -> {
            for (Container c : pod.allContainers()) {
                for (SecurityContexts.Item port : SecurityContexts.items(c.node().path("ports"), c.field("ports"))) {
                    JsonNode hostPort = port.node().path("hostPort");
                    if (hostPort.isNumber() && hostPort.asLong() != 0) {
                        out.add(new Violation(FieldPath.key(port.path(), "hostPort"),
                                c.describe() + " binds host port " + hostPort.asText()));
                    }
                }
            }
        });
        return out;
    }
}
