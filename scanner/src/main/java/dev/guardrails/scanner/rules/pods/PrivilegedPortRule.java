package dev.guardrails.scanner.rules.pods;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.k8s.Container;
import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import dev.guardrails.scanner.rules.podsecurity.SecurityContexts;
import java.util.ArrayList;
import java.util.List;

/**
 * A container that runs as non-root declares a port below 1024. Without NET_BIND_SERVICE, or the
 * pod sysctl {@code net.ipv4.ip_unprivileged_port_start} lowered, the server cannot bind it.
 */
public final class PrivilegedPortRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "privileged-port",
            "Non-root container declares a privileged port",
            Category.HARDENING,
            Severity.LOW,
            "Ports below 1024 need root or the NET_BIND_SERVICE capability; a non-root container "
                    + "either fails to bind them at start or was given a capability it would not otherwise need.",
            "Listen on a port of 1024 or above and map the well-known port in the Service "
                    + "(port: 80, targetPort: 8080).").withDefaultMode(Mode.AUDIT);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        PodTemplate.of(object).ifPresent(pod -> {
            int unprivilegedStart = unprivilegedPortStart(pod);
            for (Container c : pod.allContainers()) {
                if (!runsAsNonRoot(pod, c) || addsNetBindService(c)) {
                    continue;
                }
                for (PodRules.Element port : PodRules.elements(c, "ports")) {
                    int n = PodRules.portNumber(port.node().path("containerPort"));
                    if (n > 0 && n < unprivilegedStart) {
                        out.add(new Violation(port.field("containerPort"),
                                c.describe() + " runs as non-root but declares privileged port " + n));
                    }
                }
            }
        });
        return out;
    }

    private static boolean runsAsNonRoot(PodTemplate pod, Container c) {
        SecurityContexts.Effective user = SecurityContexts.effective(pod, c, "runAsUser");
        if (user.isSet()) {
            return user.value().asLong(0) != 0;
        }
        return SecurityContexts.isTrue(SecurityContexts.effective(pod, c, "runAsNonRoot").value());
    }

    private static boolean addsNetBindService(Container c) {
        for (JsonNode cap : SecurityContexts.containerLevel(c, "capabilities", "add")) {
            String name = cap.asText("").toUpperCase(java.util.Locale.ROOT);
            if (name.equals("NET_BIND_SERVICE") || name.equals("CAP_NET_BIND_SERVICE") || name.equals("ALL")) {
                return true;
            }
        }
        return false;
    }

    /** The pod's {@code net.ipv4.ip_unprivileged_port_start} sysctl, 1024 by default. */
    private static int unprivilegedPortStart(PodTemplate pod) {
        for (JsonNode sysctl : SecurityContexts.podLevel(pod, "sysctls")) {
            if ("net.ipv4.ip_unprivileged_port_start".equals(sysctl.path("name").asText())) {
                String v = sysctl.path("value").asText("");
                if (v.matches("\\d{1,5}")) {
                    return Integer.parseInt(v);
                }
            }
        }
        return 1024;
    }
}
