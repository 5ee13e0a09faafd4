package dev.guardrails.scanner.rules.probes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.k8s.Container;
import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.ArrayList;
import java.util.List;

/** A liveness probe that is an exact copy of the readiness probe. */
public final class IdenticalProbesRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "probes-identical",
            "Liveness probe is identical to the readiness probe",
            Category.PROBES,
            Severity.MEDIUM,
            "When liveness and readiness probes are the same, a pod that is only overloaded or "
                    + "waiting on a dependency is restarted instead of taken out of rotation, which "
                    + "turns a slowdown into cascading restarts.",
            "Make the liveness probe check only the process itself (a cheap endpoint) and give it "
                    + "a higher failureThreshold or period than the readiness probe.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        if (!PodTemplate.isWorkloadKind(object.kind())) {
            return out;
        }
        PodTemplate.of(object).ifPresent(pod -> {
            List<Container> containers = new ArrayList<>(pod.initContainers());
            containers.addAll(pod.containers());
            for (Container c : containers) {
                JsonNode liveness = c.node().path("livenessProbe");
                if (liveness.isObject() && !liveness.isEmpty() && liveness.equals(c.node().path("readinessProbe"))) {
                    out.add(new Violation(c.field("livenessProbe"),
                            c.describe() + " has a liveness probe identical to its readiness probe"));
                }
            }
        });
        return out;
    }
}
