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

/** The pod must not share the host's IPC namespace (PSS baseline, "Host Namespaces"). */
public final class HostIpcRule implements Rule {

    private static final RuleInfo INFO = new RuleInfo(
            "host-ipc",
            "Pod shares the host IPC namespace",
            Category.POD_SECURITY,
            Severity.HIGH,
            PodSecurityLevel.BASELINE,
            "Sharing the host IPC namespace exposes shared memory and message queues of every process "
                    + "on the node to the pod.",
            "Remove spec.hostIPC (or set it to false); to share memory between the pod's own "
                    + "containers, mount an emptyDir with medium Memory.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        PodTemplate.of(object).ifPresent(pod -> {
            if (SecurityContexts.isTrue(pod.spec().path("hostIPC"))) {
                out.add(new Violation(pod.field("hostIPC"),
                        "pod shares the host's IPC namespace (hostIPC: true)"));
            }
        });
        return out;
    }
}
