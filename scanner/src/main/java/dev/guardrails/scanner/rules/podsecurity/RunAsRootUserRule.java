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
 * Neither the pod nor a container may set {@code runAsUser: 0} (PSS restricted, "Running as
 * Non-root user"). From Kubernetes 1.35, pods with {@code hostUsers: false} are exempt.
 */
public final class RunAsRootUserRule implements Rule {

    private static final RuleInfo INFO = new RuleInfo(
            "run-as-root-user",
            "Container runs as user 0",
            Category.POD_SECURITY,
            Severity.HIGH,
            PodSecurityLevel.RESTRICTED,
            "runAsUser: 0 explicitly runs the process as root, whatever the image intends, so any "
                    + "container escape or writable host mount is root on the node.",
            "Set runAsUser to a non-zero UID (for example 10001), or remove it and let the image's "
                    + "non-root user apply.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        PodTemplate.of(object)
                .filter(pod -> !UserNamespaces.exempt(pod, context))
                .ifPresent(pod -> {
                    if (isRoot(SecurityContexts.podLevel(pod, "runAsUser"))) {
                        out.add(new Violation(SecurityContexts.podPath(pod, "runAsUser"), "pod sets runAsUser: 0"));
                    }
                    for (Container c : pod.allContainers()) {
                        if (isRoot(SecurityContexts.containerLevel(c, "runAsUser"))) {
                            out.add(new Violation(SecurityContexts.containerPath(c, "runAsUser"),
                                    c.describe() + " sets runAsUser: 0"));
                        }
                    }
                });
        return out;
    }

    private static boolean isRoot(JsonNode uid) {
        return uid.isIntegralNumber() && uid.asLong() == 0;
    }
}
