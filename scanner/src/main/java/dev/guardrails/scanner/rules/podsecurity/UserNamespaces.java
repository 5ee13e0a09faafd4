package dev.guardrails.scanner.rules.podsecurity;

import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.rule.KubeVersion;
import dev.guardrails.scanner.rule.RuleContext;

/**
 * From Kubernetes 1.35, Pod Security Admission skips the restricted runAsNonRoot and runAsUser
 * checks for pods in their own user namespace ({@code hostUsers: false}): root inside the pod maps
 * to an unprivileged user on the node.
 */
final class UserNamespaces {

    static final KubeVersion RELAXED_SINCE = new KubeVersion(1, 35);

    private UserNamespaces() {
    }

    static boolean exempt(PodTemplate pod, RuleContext context) {
        return context.settings().kubeVersion().atLeast(RELAXED_SINCE)
                && SecurityContexts.isFalse(pod.spec().path("hostUsers"));
    }
}
