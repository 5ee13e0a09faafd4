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

/** Windows pods must not run as HostProcess containers (PSS baseline, "HostProcess"). */
public final class HostProcessRule implements Rule {

    private static final RuleInfo INFO = new RuleInfo(
            "host-process",
            "Windows container runs as a HostProcess",
            Category.POD_SECURITY,
            Severity.CRITICAL,
            PodSecurityLevel.BASELINE,
            "A Windows HostProcess container runs directly on the node with the host's network and "
                    + "filesystem, equivalent to privileged access to the Windows node.",
            "Remove windowsOptions.hostProcess (or set it to false) at pod and container level.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        PodTemplate.of(object).ifPresent(pod -> {
            if (SecurityContexts.isTrue(SecurityContexts.podLevel(pod, "windowsOptions", "hostProcess"))) {
                out.add(new Violation(SecurityContexts.podPath(pod, "windowsOptions", "hostProcess"),
                        "pod runs its containers as Windows HostProcess containers"));
            }
            for (Container c : pod.allContainers()) {
                if (SecurityContexts.isTrue(SecurityContexts.containerLevel(c, "windowsOptions", "hostProcess"))) {
                    out.add(new Violation(SecurityContexts.containerPath(c, "windowsOptions", "hostProcess"),
                            c.describe() + " runs as a Windows HostProcess container"));
                }
            }
        });
        return out;
    }
}
