package dev.guardrails.scanner.rules.exposure;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Service of type LoadBalancer that is neither internal (by the cloud providers' annotations)
 * nor limited by {@code loadBalancerSourceRanges}: it gets a public address.
 */
public final class LoadBalancerServiceRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "service-load-balancer",
            "Service gets a public load balancer",
            Category.NETWORKING,
            Severity.MEDIUM,
            "A LoadBalancer Service provisions a cloud load balancer reachable from the internet "
                    + "unless marked internal, bypassing the ingress layer's TLS, authentication and WAF, "
                    + "and each one costs money.",
            "Expose the workload through the shared Ingress or Gateway, or mark the load balancer "
                    + "internal (for example service.beta.kubernetes.io/aws-load-balancer-scheme: internal) "
                    + "or restrict spec.loadBalancerSourceRanges.").withDefaultMode(Mode.AUDIT);

    /** Annotation and the value (lower case; empty: any value) that make a load balancer internal. */
    private static final Map<String, String> INTERNAL = Map.of(
            "service.beta.kubernetes.io/aws-load-balancer-internal", "",
            "service.beta.kubernetes.io/aws-load-balancer-scheme", "internal",
            "networking.gke.io/load-balancer-type", "internal",
            "cloud.google.com/load-balancer-type", "internal",
            "service.beta.kubernetes.io/azure-load-balancer-internal", "true",
            "service.beta.kubernetes.io/oci-load-balancer-internal", "true",
            "service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type", "private",
            "service.beta.kubernetes.io/openstack-internal-load-balancer", "true");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        if (!"Service".equals(object.kind()) || !"LoadBalancer".equals(object.at("spec.type").asText())) {
            return List.of();
        }
        if (isInternal(object.annotations()) || object.at("spec.loadBalancerSourceRanges").size() > 0) {
            return List.of();
        }
        return List.of(new Violation("spec.type",
                "Service \"" + object.name() + "\" is a public LoadBalancer"));
    }

    static boolean isInternal(Map<String, String> annotations) {
        for (Map.Entry<String, String> e : INTERNAL.entrySet()) {
            String value = annotations.get(e.getKey());
            if (value != null && (e.getValue().isEmpty() ? !value.equalsIgnoreCase("false")
                    : value.toLowerCase(Locale.ROOT).equals(e.getValue()))) {
                return true;
            }
        }
        return false;
    }
}
