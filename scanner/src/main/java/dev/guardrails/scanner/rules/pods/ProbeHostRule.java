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
import java.util.List;

/** Probes and lifecycle hooks that set {@code host} make the kubelet connect to another address. */
public final class ProbeHostRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "probe-host-set",
            "Probe or lifecycle hook connects to another host",
            Category.HARDENING,
            Severity.MEDIUM,
            "The kubelet runs httpGet and tcpSocket handlers from the node, so a host field lets a pod "
                    + "make the node send requests to any address it can reach: a server-side request "
                    + "forgery from the node's network position.",
            "Remove host from the probe or hook so the kubelet targets the pod's own IP.");

    private static final List<String> HANDLERS = List.of("livenessProbe", "readinessProbe", "startupProbe");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        PodTemplate.of(object).ifPresent(pod -> {
            for (Container c : pod.allContainers()) {
                for (String probe : HANDLERS) {
                    check(c, out, probe);
                }
                check(c, out, "lifecycle", "postStart");
                check(c, out, "lifecycle", "preStop");
            }
        });
        return out;
    }

    private static void check(Container c, List<Violation> out, String... handlerPath) {
        JsonNode handler = c.node();
        for (String key : handlerPath) {
            handler = handler.path(key);
        }
        for (String type : List.of("httpGet", "tcpSocket")) {
            JsonNode host = handler.path(type).path("host");
            if (host.isTextual() && !host.textValue().isBlank()) {
                String[] keys = new String[handlerPath.length + 2];
                System.arraycopy(handlerPath, 0, keys, 0, handlerPath.length);
                keys[handlerPath.length] = type;
                keys[handlerPath.length + 1] = "host";
                out.add(new Violation(c.field(keys), c.describe() + " " + String.join(".", handlerPath)
                        + " connects to host " + host.textValue()));
            }
        }
    }
}
