package dev.guardrails.scanner.rules.networking;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import dev.guardrails.scanner.rules.availability.Workloads;
import dev.guardrails.scanner.rules.namespaces.NamespaceScope;
import java.util.List;

/**
 * A namespace that runs workloads has a namespace-wide NetworkPolicy (empty podSelector) for
 * ingress, the usual default-deny. Reported once per namespace, on its first workload.
 */
public final class NetworkPolicyRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "network-policy-missing",
            "Namespace has no default-deny NetworkPolicy",
            Category.NETWORKING,
            Severity.MEDIUM,
            "Without a NetworkPolicy selecting every pod, any pod in the cluster can reach the "
                    + "namespace's workloads, so one compromised pod can probe them all.",
            "Add a NetworkPolicy with podSelector: {} and policyTypes [Ingress, Egress] to the "
                    + "namespace, then allow the traffic each workload needs with narrower policies.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        if (!NamespaceScope.isFirstWorkload(object, context.bundle())) {
            return List.of();
        }
        String namespace = context.bundle().namespaceOf(object);
        for (ManifestObject policy : context.bundle().ofKindInNamespace("NetworkPolicy", namespace)) {
            if (isNamespaceWideIngress(policy)) {
                return List.of();
            }
        }
        return List.of(new Violation(NamespaceScope.namespacePath(object), "namespace \"" + namespace
                + "\" runs workloads but has no NetworkPolicy with an empty podSelector covering Ingress"));
    }

    /**
     * Whether a policy selects every pod for ingress. Without {@code policyTypes} the API server
     * assumes Ingress (plus Egress when egress rules are present).
     */
    static boolean isNamespaceWideIngress(ManifestObject policy) {
        JsonNode selector = policy.at("spec.podSelector");
        // An omitted podSelector decodes to the empty selector, which selects every pod.
        if (!selector.isMissingNode() && !selector.isNull() && !Workloads.selectsAll(selector)) {
            return false;
        }
        JsonNode types = policy.at("spec.policyTypes");
        if (!types.isArray()) {
            return true;
        }
        for (JsonNode type : types) {
            if ("Ingress".equals(type.asText())) {
                return true;
            }
        }
        return false;
    }
}
