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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Port names are unique within a pod, and a port number and protocol are declared once. The API
 * server rejects duplicate names; duplicate numbers pass but break Services and apply patches,
 * which merge container ports by number and protocol.
 */
public final class DuplicateContainerPortRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "container-port-duplicate",
            "Pod declares a port name or number twice",
            Category.SCHEMA,
            Severity.MEDIUM,
            "The API server rejects a pod whose containers share a port name, so the sync fails; a "
                    + "port number declared twice makes named targetPorts ambiguous and server-side "
                    + "apply, which keys container ports by number and protocol, drops one of them.",
            "Give every port of the pod a unique name and declare each containerPort and protocol once.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        PodTemplate.of(object).ifPresent(pod -> {
            Map<String, String> names = new HashMap<>();
            List<Container> containers = new ArrayList<>(pod.initContainers());
            containers.addAll(pod.containers());
            for (Container c : containers) {
                Map<String, Boolean> numbers = new HashMap<>();
                for (PodRules.Element port : PodRules.elements(c, "ports")) {
                    String name = port.text("name");
                    if (!name.isEmpty()) {
                        String first = names.putIfAbsent(name, c.describe());
                        if (first != null) {
                            out.add(new Violation(port.field("name"), c.describe() + " declares port name '" + name
                                    + "', already used by " + first));
                        }
                    }
                    int n = PodRules.portNumber(port.node().path("containerPort"));
                    if (n > 0 && numbers.put(n + "/" + PodRules.protocol(port), true) != null) {
                        out.add(new Violation(port.field("containerPort"), c.describe() + " declares port "
                                + n + "/" + PodRules.protocol(port) + " more than once"));
                    }
                }
            }
        });
        return out;
    }
}
