package dev.guardrails.scanner.rules.pods;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A probe's port is one the container declares. A named port that the container does not declare
 * makes the kubelet fail the probe on every attempt; a number outside the declared ports is
 * usually a typo or a port that moved, so it is reported when the container declares ports at all.
 */
public final class ProbePortRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "probe-port-not-exposed",
            "Probe targets a port the container does not declare",
            Category.PROBES,
            Severity.MEDIUM,
            "A probe on a port name the container does not define never succeeds, so the pod never "
                    + "becomes ready or is restarted in a loop; a number that is not among the declared "
                    + "ports usually means the probe and the server drifted apart.",
            "Point httpGet.port, tcpSocket.port or grpc.port at a name or number listed in the "
                    + "container's ports, or declare the port the probe uses.");

    private static final List<String> PROBES = List.of("livenessProbe", "readinessProbe", "startupProbe");
    private static final List<String> HANDLERS = List.of("httpGet", "tcpSocket", "grpc");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        PodTemplate.of(object).ifPresent(pod -> {
            List<Container> containers = new ArrayList<>(pod.initContainers());
            containers.addAll(pod.containers());
            for (Container c : containers) {
                Set<String> names = new HashSet<>();
                Set<Integer> numbers = new HashSet<>();
                for (PodRules.Element port : PodRules.elements(c, "ports")) {
                    if (!port.text("name").isEmpty()) {
                        names.add(port.text("name"));
                    }
                    int n = PodRules.portNumber(port.node().path("containerPort"));
                    if (n > 0) {
                        numbers.add(n);
                    }
                }
                for (String probe : PROBES) {
                    for (String handler : HANDLERS) {
                        JsonNode port = c.node().path(probe).path(handler).path("port");
                        if (port.isMissingNode() || port.isNull()) {
                            continue;
                        }
                        String path = c.field(probe, handler, "port");
                        int number = PodRules.portNumber(port);
                        if (number < 0 && !names.contains(port.asText())) {
                            out.add(new Violation(path, c.describe() + " " + probe + " uses port name '"
                                    + port.asText() + "', which the container does not declare"));
                        } else if (number > 0 && !numbers.isEmpty() && !numbers.contains(number)) {
                            out.add(new Violation(path, c.describe() + " " + probe + " uses port " + number
                                    + ", which is not among the container's ports " + numbers));
                        }
                    }
                }
            }
        });
        return out;
    }
}
