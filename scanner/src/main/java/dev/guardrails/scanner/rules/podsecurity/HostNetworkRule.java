package dev.guardrails.scanner.rules.podsecurity;

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

/** The pod must not share the host's network namespace (PSS baseline, "Host Namespaces"). */
public final class HostNetworkRule implements Rule {

    private static final RuleInfo INFO = new RuleInfo(
            "host-network",
            "Pod uses the host network",
            Category.POD_SECURITY,
            Severity.HIGH,
            PodSecurityLevel.BASELINE,
            "With the host network the pod can bind any node port, reach services listening on localhost "
                    + "and sniff node traffic, and NetworkPolicies no longer isolate it.",
            "Remove spec.hostNetwork (or set it to false) and expose the workload through a "
                    + "Service or an Ingress.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        PodTemplate.of(object).ifPresent(pod -> {
            if (SecurityContexts.isTrue(pod.spec().path("hostNetwork"))) {
                out.add(new Violation(pod.field("hostNetwork"),
                        "pod shares the host's network namespace (hostNetwork: true)"));
            }
        });
        return out;
    }
}
