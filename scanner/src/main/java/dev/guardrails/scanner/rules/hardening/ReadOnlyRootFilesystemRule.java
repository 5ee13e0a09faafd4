package dev.guardrails.scanner.rules.hardening;

import dev.guardrails.scanner.k8s.Container;
import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import dev.guardrails.scanner.rules.podsecurity.SecurityContexts;
import java.util.ArrayList;
import java.util.List;

/** Containers should run with a read-only root filesystem. Windows pods cannot, so they are exempt. */
public final class ReadOnlyRootFilesystemRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "read-only-root-filesystem",
            "Container root filesystem is writable",
            Category.HARDENING,
            Severity.MEDIUM,
            "A writable root filesystem lets an attacker drop tools, modify binaries and persist in "
                    + "the container; a read-only one also keeps replicas identical to their image.",
            "Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where the "
                    + "application needs to write (for example /tmp).");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        PodTemplate.of(object).filter(pod -> !SecurityContexts.isWindows(pod)).ifPresent(pod -> {
            for (Container c : pod.allContainers()) {
                if (!SecurityContexts.isTrue(SecurityContexts.containerLevel(c, "readOnlyRootFilesystem"))) {
                    out.add(new Violation(SecurityContexts.containerPath(c, "readOnlyRootFilesystem"),
                            c.describe() + " does not set readOnlyRootFilesystem: true"));
                }
            }
        });
        return out;
    }
}
