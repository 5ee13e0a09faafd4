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
import java.util.Set;

/** Seccomp must not be explicitly disabled (PSS baseline, "Seccomp"). */
public final class SeccompUnconfinedRule implements Rule {

    /** Profile types PSS accepts when a type is set at all. */
    static final Set<String> CONFINED = Set.of("RuntimeDefault", "Localhost");

    private static final RuleInfo INFO = new RuleInfo(
            "seccomp-unconfined",
            "Seccomp profile is Unconfined",
            Category.POD_SECURITY,
            Severity.HIGH,
            PodSecurityLevel.BASELINE,
            "An Unconfined seccomp profile lets the container call every system call, including the "
                    + "rarely used ones behind most kernel privilege-escalation exploits.",
            "Set seccompProfile.type to RuntimeDefault (or Localhost with a reviewed profile) instead "
                    + "of Unconfined, at pod and container level.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        PodTemplate.of(object).ifPresent(pod -> {
            String podType = SecurityContexts.text(SecurityContexts.podLevel(pod, "seccompProfile", "type"));
            if (!podType.isEmpty() && !CONFINED.contains(podType)) {
                out.add(new Violation(SecurityContexts.podPath(pod, "seccompProfile", "type"),
                        "pod sets seccomp profile " + podType));
            }
            for (Container c : pod.allContainers()) {
                String type = SecurityContexts.text(SecurityContexts.containerLevel(c, "seccompProfile", "type"));
                if (!type.isEmpty() && !CONFINED.contains(type)) {
                    out.add(new Violation(SecurityContexts.containerPath(c, "seccompProfile", "type"),
                            c.describe() + " sets seccomp profile " + type));
                }
            }
        });
        return out;
    }
}
