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

/** Containers may add only the runtime's default capabilities (PSS baseline, "Capabilities"). */
public final class CapabilitiesAddedRule implements Rule {

    /** The container runtime's default set, which PSS baseline allows adding back. */
    static final Set<String> BASELINE_ALLOWED = Set.of(
            "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
            "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");

    private static final RuleInfo INFO = new RuleInfo(
            "capabilities-added",
            "Container adds dangerous capabilities",
            Category.POD_SECURITY,
            Severity.HIGH,
            PodSecurityLevel.BASELINE,
            "Capabilities beyond the runtime default set, such as SYS_ADMIN, NET_ADMIN, NET_RAW or ALL, "
                    + "give a container kernel powers that enable container escapes and network spoofing.",
            "Remove the capability from securityContext.capabilities.add; only AUDIT_WRITE, CHOWN, "
                    + "DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, "
                    + "SETUID and SYS_CHROOT may be added.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        PodTemplate.of(object).ifPresent(pod -> {
            for (Container c : pod.allContainers()) {
                for (SecurityContexts.Item cap : SecurityContexts.items(
                        SecurityContexts.containerLevel(c, "capabilities", "add"),
                        SecurityContexts.containerPath(c, "capabilities", "add"))) {
                    if (!BASELINE_ALLOWED.contains(cap.text())) {
                        out.add(new Violation(cap.path(), c.describe() + " adds capability " + cap.text()));
                    }
                }
            }
        });
        return out;
    }
}
