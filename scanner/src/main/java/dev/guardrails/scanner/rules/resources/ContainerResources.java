package dev.guardrails.scanner.rules.resources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.k8s.Container;
import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.rule.Violation;
import java.util.ArrayList;
import java.util.List;

/** The check the four resource rules share: one request or limit missing per scheduled container. */
final class ContainerResources {

    private ContainerResources() {
    }

    /**
     * Violations for containers of a workload that do not set {@code resources.<section>.<resource>}.
     * Init containers count (the scheduler reserves their resources too); ephemeral ones cannot
     * set resources.
     */
    static List<Violation> missing(ManifestObject object, String section, String resource, String what) {
        List<Violation> out = new ArrayList<>();
        if (!PodTemplate.isWorkloadKind(object.kind())) {
            return out;
        }
        PodTemplate.of(object).ifPresent(pod -> {
            List<Container> containers = new ArrayList<>(pod.initContainers());
            containers.addAll(pod.containers());
            for (Container c : containers) {
                JsonNode value = c.resources().path(section).path(resource);
                if (value.isMissingNode() || value.isNull() || value.asText("").isBlank()) {
                    out.add(new Violation(c.field("resources", section, resource),
                            c.describe() + " does not set " + what));
                }
            }
        });
        return out;
    }
}
