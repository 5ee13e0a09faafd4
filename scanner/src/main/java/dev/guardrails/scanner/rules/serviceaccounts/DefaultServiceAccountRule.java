package dev.guardrails.scanner.rules.serviceaccounts;

import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;

/** Workloads should run as their own ServiceAccount, not the namespace's shared {@code default}. */
public final class DefaultServiceAccountRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "default-service-account",
            "Pod runs as the default service account",
            Category.SERVICE_ACCOUNTS,
            Severity.LOW,
            "Every pod in a namespace that names no account shares the default ServiceAccount, so any "
                    + "permission granted to one of them is granted to all and audit logs cannot tell them apart.",
            "Create a ServiceAccount for the workload and set spec.serviceAccountName to it.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        return PodTemplate.of(object)
                .filter(pod -> ServiceAccountNames.of(pod).equals(ServiceAccountNames.DEFAULT))
                .map(pod -> List.of(new Violation(pod.field("serviceAccountName"),
                        pod.spec().path("serviceAccountName").asText("").isEmpty()
                                ? "pod names no service account and runs as 'default'"
                                : "pod runs as service account 'default'")))
                .orElse(List.of());
    }
}
