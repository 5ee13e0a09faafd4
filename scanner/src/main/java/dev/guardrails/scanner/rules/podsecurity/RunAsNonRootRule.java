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
 * Every container must run with {@code runAsNonRoot: true}, set on the container or inherited
 * from the pod (PSS restricted, "Running as Non-root"). A pod-level {@code false} is a violation
 * of its own, as in Pod Security Admission. From Kubernetes 1.35, pods in a user namespace
 * ({@code hostUsers: false}) are exempt.
 */
public final class RunAsNonRootRule implements Rule {

    private static final RuleInfo INFO = new RuleInfo(
            "run-as-non-root",
            "Container may run as root",
            Category.POD_SECURITY,
            Severity.MEDIUM,
            PodSecurityLevel.RESTRICTED,
            "Without runAsNonRoot: true the kubelet starts the container as whatever user the image "
                    + "names, often root, which turns any container escape into root on the node.",
            "Set securityContext.runAsNonRoot: true in the pod spec (or on each container) and make "
                    + "the image run as a numeric non-zero user.");

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
                    JsonNode podLevel = SecurityContexts.podLevel(pod, "runAsNonRoot");
                    if (SecurityContexts.isSet(podLevel) && !SecurityContexts.isTrue(podLevel)) {
                        out.add(new Violation(SecurityContexts.podPath(pod, "runAsNonRoot"),
                                "pod sets runAsNonRoot: " + podLevel.asText()));
                    }
                    for (Container c : pod.allContainers()) {
                        SecurityContexts.Effective eff = SecurityContexts.effective(pod, c, "runAsNonRoot");
                        if (!eff.isSet()) {
                            out.add(new Violation(eff.path(),
                                    "neither " + c.describe() + " nor the pod sets runAsNonRoot: true"));
                        } else if (!eff.fromPod() && !SecurityContexts.isTrue(eff.value())) {
                            out.add(new Violation(eff.path(),
                                    c.describe() + " sets runAsNonRoot: " + eff.value().asText()));
                        }
                    }
                });
        return out;
    }
}
