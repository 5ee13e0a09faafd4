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
 * Every container must run under the RuntimeDefault or a Localhost seccomp profile, set on the
 * container or inherited from the pod (PSS restricted, "Seccomp"). Windows pods are exempt.
 */
public final class SeccompProfileMissingRule implements Rule {

    private static final RuleInfo INFO = new RuleInfo(
            "seccomp-profile-missing",
            "Container has no seccomp profile",
            Category.POD_SECURITY,
            Severity.MEDIUM,
            PodSecurityLevel.RESTRICTED,
            "Kubernetes runs containers Unconfined unless a seccomp profile is set, leaving every "
                    + "system call available to an attacker who gains code execution.",
            "Set spec.securityContext.seccompProfile.type: RuntimeDefault in the pod spec (or a "
                    + "Localhost profile on the container).");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        PodTemplate.of(object).filter(pod -> !SecurityContexts.isWindows(pod)).ifPresent(pod -> {
            for (Container c : pod.allContainers()) {
                SecurityContexts.Effective eff = SecurityContexts.effective(pod, c, "seccompProfile", "type");
                String type = SecurityContexts.text(eff.value());
                if (!eff.isSet()) {
                    out.add(new Violation(SecurityContexts.containerPath(c, "seccompProfile"),
                            "neither " + c.describe() + " nor the pod sets a seccomp profile"));
                } else if (!SeccompUnconfinedRule.CONFINED.contains(type)) {
                    out.add(new Violation(eff.path(), c.describe() + " runs with seccomp profile " + type
                            + (eff.fromPod() ? " from the pod" : "")));
                }
            }
        });
        return out;
    }
}
