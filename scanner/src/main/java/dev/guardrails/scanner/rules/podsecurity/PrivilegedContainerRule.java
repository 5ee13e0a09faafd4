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

/** Containers must not run privileged (PSS baseline, "Privileged Containers"). */
public final class PrivilegedContainerRule implements Rule {

    private static final RuleInfo INFO = new RuleInfo(
            "privileged-container",
            "Container runs privileged",
            Category.POD_SECURITY,
            Severity.CRITICAL,
            PodSecurityLevel.BASELINE,
            "A privileged container sees every host device and holds all capabilities with no "
                    + "seccomp, AppArmor or SELinux confinement, so a compromise of it is a compromise of the node.",
            "Remove securityContext.privileged or set it to false, and grant only the specific "
                    + "capabilities or devices the workload needs.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        PodTemplate.of(object).ifPresent(pod -> {
            for (Container c : pod.allContainers()) {
                if (SecurityContexts.isTrue(SecurityContexts.containerLevel(c, "privileged"))) {
                    out.add(new Violation(SecurityContexts.containerPath(c, "privileged"),
                            c.describe() + " runs privileged"));
                }
            }
        });
        return out;
    }
}
