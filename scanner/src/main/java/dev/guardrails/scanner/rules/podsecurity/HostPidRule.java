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

/** The pod must not share the host's PID namespace (PSS baseline, "Host Namespaces"). */
public final class HostPidRule implements Rule {

    private static final RuleInfo INFO = new RuleInfo(
            "host-pid",
            "Pod shares the host PID namespace",
            Category.POD_SECURITY,
            Severity.HIGH,
            PodSecurityLevel.BASELINE,
            "Sharing the host PID namespace lets containers see and signal every process on the node "
                    + "and read their environment, including other pods' secrets.",
            "Remove spec.hostPID (or set it to false); a node agent that truly needs it should "
                    + "carry an exemption with a reason.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        PodTemplate.of(object).ifPresent(pod -> {
            if (SecurityContexts.isTrue(pod.spec().path("hostPID"))) {
                out.add(new Violation(pod.field("hostPID"),
                        "pod shares the host's PID namespace (hostPID: true)"));
            }
        });
        return out;
    }
}
