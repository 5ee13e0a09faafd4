package dev.guardrails.scanner.rules.references;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.k8s.Container;
import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.FieldPath;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A container mounts a volume the pod does not declare. */
public final class VolumeMountRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "volume-mount-undeclared",
            "Container mounts a volume the pod does not declare",
            Category.REFERENCES,
            Severity.HIGH,
            "Every volumeMounts[].name must name a volume of the pod (or a StatefulSet volumeClaimTemplate); "
                    + "otherwise the API server rejects the pod and the workload creates none.",
            "Add the volume to spec.volumes (or volumeClaimTemplates), or fix the mount's name.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        Optional<PodTemplate> pod = PodTemplate.of(object);
        if (pod.isEmpty()) {
            return List.of();
        }
        Set<String> volumes = new HashSet<>();
        pod.get().spec().path("volumes").forEach(v -> volumes.add(v.path("name").asText("")));
        if (object.kind().equals("StatefulSet")) {
            object.at("spec.volumeClaimTemplates").forEach(t -> volumes.add(t.path("metadata").path("name").asText("")));
        }
        List<Violation> out = new ArrayList<>();
        for (Container c : pod.get().allContainers()) {
            for (String field : List.of("volumeMounts", "volumeDevices")) {
                JsonNode mounts = c.node().path(field);
                for (int i = 0; i < AppObjects.length(mounts); i++) {
                    String volume = mounts.get(i).path("name").asText("");
                    if (!volumes.contains(volume)) {
                        out.add(new Violation(FieldPath.key(FieldPath.index(c.field(field), i), "name"),
                                c.describe() + " mounts volume \"" + volume + "\", which the pod does not declare"));
                    }
                }
            }
        }
        return out;
    }
}
