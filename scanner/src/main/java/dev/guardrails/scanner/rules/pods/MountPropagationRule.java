package dev.guardrails.scanner.rules.pods;

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

/** A volume mount propagates mounts back to the host (Bidirectional). */
public final class MountPropagationRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "mount-propagation-bidirectional",
            "Volume mount propagates mounts to the host",
            Category.HARDENING,
            Severity.HIGH,
            "With Bidirectional propagation, mounts the container makes appear on the node and in "
                    + "other pods; it is only allowed in privileged containers and lets a compromised "
                    + "one reshape the host's filesystem.",
            "Remove mountPropagation or set it to None or HostToContainer; only CSI node plugins need "
                    + "Bidirectional, and they deserve an exemption.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        PodTemplate.of(object).ifPresent(pod -> {
            for (Container c : pod.allContainers()) {
                for (PodRules.Element mount : PodRules.elements(c, "volumeMounts")) {
                    if ("Bidirectional".equals(mount.text("mountPropagation"))) {
                        out.add(new Violation(mount.field("mountPropagation"), c.describe() + " mounts volume "
                                + mount.text("name") + " with Bidirectional propagation"));
                    }
                }
            }
        });
        return out;
    }
}
