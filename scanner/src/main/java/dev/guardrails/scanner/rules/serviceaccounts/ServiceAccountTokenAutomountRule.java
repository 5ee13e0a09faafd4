package dev.guardrails.scanner.rules.serviceaccounts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import dev.guardrails.scanner.rules.podsecurity.SecurityContexts;
import java.util.List;

/**
 * Pods should not get an API token they do not ask for. The pod's
 * {@code automountServiceAccountToken} wins, either way: an explicit {@code true} is a deliberate
 * choice of an API client. When the pod leaves it unset, a ServiceAccount in the same bundle and
 * namespace that sets it to false turns the token off.
 */
public final class ServiceAccountTokenAutomountRule implements Rule {

    private static final String FIELD = "automountServiceAccountToken";

    private static final RuleInfo INFO = RuleInfo.of(
            "service-account-token-automount",
            "Service account token is mounted automatically",
            Category.SERVICE_ACCOUNTS,
            Severity.MEDIUM,
            "An automatically mounted token hands the pod's Kubernetes API identity to anyone who "
                    + "compromises the container, even when the application never calls the API.",
            "Set automountServiceAccountToken: false in the pod spec or on its ServiceAccount; pods "
                    + "that call the API should set it to true explicitly on the pod.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        return PodTemplate.of(object).map(pod -> {
            JsonNode podLevel = pod.spec().path(FIELD);
            String account = ServiceAccountNames.of(pod);
            // An explicit value on the pod is a decision (true: an API client), as kube-score and
            // kubescape read it; only the default, left unset everywhere, is flagged.
            if (SecurityContexts.isFalse(podLevel) || SecurityContexts.isTrue(podLevel)) {
                return List.<Violation>of();
            }
            if (accountDisablesAutomount(object, account, context)) {
                return List.<Violation>of();
            }
            return List.of(new Violation(pod.field(FIELD),
                    "pod mounts the token of service account '" + account
                            + "': neither the pod nor the ServiceAccount sets automountServiceAccountToken: false"));
        }).orElse(List.of());
    }

    private static boolean accountDisablesAutomount(ManifestObject object, String account, RuleContext context) {
        String namespace = context.bundle().namespaceOf(object);
        for (ManifestObject sa : context.bundle().ofKindInNamespace("ServiceAccount", namespace)) {
            if (sa.name().equals(account)) {
                return SecurityContexts.isFalse(sa.raw().path(FIELD));
            }
        }
        return false;
    }
}
