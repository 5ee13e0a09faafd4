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

/** Containers must keep the default masked /proc (PSS baseline, "/proc Mount Type"). */
public final class ProcMountUnmaskedRule implements Rule {

    private static final RuleInfo INFO = new RuleInfo(
            "proc-mount-unmasked",
            "Container unmasks /proc",
            Category.POD_SECURITY,
            Severity.HIGH,
            PodSecurityLevel.BASELINE,
            "The default /proc mount masks and makes read-only kernel paths that leak host information "
                    + "or allow kernel tuning; an Unmasked /proc removes that protection.",
            "Remove securityContext.procMount or set it to Default.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        PodTemplate.of(object).ifPresent(pod -> {
            for (Container c : pod.allContainers()) {
                String procMount = SecurityContexts.text(SecurityContexts.containerLevel(c, "procMount"));
                if (!procMount.isEmpty() && !procMount.equals("Default")) {
                    out.add(new Violation(SecurityContexts.containerPath(c, "procMount"),
                            c.describe() + " sets procMount: " + procMount));
                }
            }
        });
        return out;
    }
}
