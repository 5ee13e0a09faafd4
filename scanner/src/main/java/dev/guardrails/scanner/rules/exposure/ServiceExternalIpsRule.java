package dev.guardrails.scanner.rules.exposure;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;

/** A Service claims externalIPs: traffic to those addresses is captured cluster-wide (CVE-2020-8554). */
public final class ServiceExternalIpsRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "service-external-ips",
            "Service claims external IPs",
            Category.NETWORKING,
            Severity.HIGH,
            "Any Service may list arbitrary spec.externalIPs, and kube-proxy then intercepts traffic "
                    + "to those addresses from every pod and node (CVE-2020-8554), a man-in-the-middle "
                    + "that needs no other privilege.",
            "Remove spec.externalIPs and use a LoadBalancer or Ingress; platforms should also block "
                    + "the field with the DenyServiceExternalIPs admission plugin.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        if ("Service".equals(object.kind()) && object.at("spec.externalIPs").isArray()
                && !object.at("spec.externalIPs").isEmpty()) {
            return List.of(new Violation("spec.externalIPs", "Service \"" + object.name() + "\" claims external IPs "
                    + object.at("spec.externalIPs")));
        }
        return List.of();
    }
}
