package dev.guardrails.scanner.rules.podsecurity;

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
 * Containers must set {@code allowPrivilegeEscalation: false} (PSS restricted, "Privilege
 * Escalation"); the kernel default allows it. Windows pods are exempt.
 */
public final class PrivilegeEscalationRule implements Rule {

    private static final RuleInfo INFO = new RuleInfo(
            "privilege-escalation",
            "Container allows privilege escalation",
            Category.POD_SECURITY,
            Severity.MEDIUM,
            PodSecurityLevel.RESTRICTED,
            "Unless allowPrivilegeEscalation is false, setuid binaries and file capabilities in the "
                    + "image can give a process more privileges than the container started with.",
            "Set securityContext.allowPrivilegeEscalation: false on every container, including init "
                    + "and ephemeral containers.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        PodTemplate.of(object).filter(pod -> !SecurityContexts.isWindows(pod)).ifPresent(pod -> {
            for (Container c : pod.allContainers()) {
                if (!SecurityContexts.isFalse(SecurityContexts.containerLevel(c, "allowPrivilegeEscalation"))) {
                    out.add(new Violation(SecurityContexts.containerPath(c, "allowPrivilegeEscalation"),
                            c.describe() + " does not set allowPrivilegeEscalation: false"));
                }
            }
        });
        return out;
    }
}
