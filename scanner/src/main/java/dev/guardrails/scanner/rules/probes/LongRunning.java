package dev.guardrails.scanner.rules.probes;

import dev.guardrails.scanner.k8s.Container;
import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.rule.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The probe-presence check: regular containers of workloads meant to keep running. */
final class LongRunning {

    /** Jobs, CronJobs and bare Pods run to completion or are not restarted, so probes matter little. */
    private static final Set<String> KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
            "Rollout", "DeploymentConfig");

    private LongRunning() {
    }

    static List<Violation> missingProbe(ManifestObject object, String probe, String what) {
        List<Violation> out = new ArrayList<>();
        if (!KINDS.contains(object.kind())) {
            return out;
        }
        PodTemplate.of(object).ifPresent(pod -> {
            for (Container c : pod.containers()) {
                if (!c.node().path(probe).isObject()) {
                    out.add(new Violation(c.field(probe), c.describe() + " has no " + what));
                }
            }
        });
        return out;
    }
}
