package dev.guardrails.scanner.rules.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.k8s.Container;
import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.PodSecurityLevel;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * Containers must drop ALL capabilities and may add back only NET_BIND_SERVICE (PSS restricted,
 * "Capabilities"). Windows pods are exempt.
 */
public final class CapabilitiesNotDroppedRule implements Rule {

    private static final RuleInfo INFO = new RuleInfo(
            "capabilities-not-dropped",
            "Container does not drop all capabilities",
            Category.POD_SECURITY,
            Severity.MEDIUM,
            PodSecurityLevel.RESTRICTED,
            "The runtime default capability set still includes powers such as CHOWN, DAC_OVERRIDE, "
                    + "SETUID and MKNOD that few applications need; dropping ALL shrinks what an attacker inherits.",
            "Set securityContext.capabilities.drop: [\"ALL\"] on every container and add back at most "
                    + "NET_BIND_SERVICE.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        PodTemplate.of(object).filter(pod -> !SecurityContexts.isWindows(pod)).ifPresent(pod -> {
            for (Container c : pod.allContainers()) {
                JsonNode drop = SecurityContexts.containerLevel(c, "capabilities", "drop");
                boolean dropsAll = SecurityContexts.items(drop, "").stream()
                        .anyMatch(item -> item.text().equals("ALL"));
                if (!dropsAll) {
                    out.add(new Violation(SecurityContexts.containerPath(c, "capabilities", "drop"),
                            c.describe() + " does not drop ALL capabilities"));
                }
                for (SecurityContexts.Item cap : SecurityContexts.items(
                        SecurityContexts.containerLevel(c, "capabilities", "add"),
                        SecurityContexts.containerPath(c, "capabilities", "add"))) {
                    if (!cap.text().equals("NET_BIND_SERVICE")) {
                        out.add(new Violation(cap.path(), c.describe() + " adds capability " + cap.text()));
                    }
                }
            }
        });
        return out;
    }
}
