package dev.guardrails.scanner.rules.references;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.k8s.Container;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.rule.Bundle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Services, what they select and which ports they serve. */
final class Services {

    private Services() {
    }

    /**
     * The Service's equality selector, empty when it has none: a Service without selector has its
     * endpoints managed by someone else, and an ExternalName Service selects nothing by design.
     */
    static Map<String, String> selector(ManifestObject service) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!isService(service) || "ExternalName".equals(service.at("spec.type").asText(""))) {
            return out;
        }
        service.at("spec.selector").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /** The app's pod templates in the Service's namespace whose labels carry the whole selector. */
    static List<AppPods.PodSource> selectedPods(ManifestObject service, Bundle bundle) {
        Map<String, String> selector = selector(service);
        List<AppPods.PodSource> out = new ArrayList<>();
        if (selector.isEmpty()) {
            return out;
        }
        for (AppPods.PodSource pod : AppPods.in(bundle, bundle.namespaceOf(service))) {
            if (pod.labels().entrySet().containsAll(selector.entrySet())) {
                out.add(pod);
            }
        }
        return out;
    }

    /** Whether some selected container declares a port called {@code name}, or numbered {@code number}. */
    static boolean exposes(List<AppPods.PodSource> pods, String name, int number) {
        for (AppPods.PodSource pod : pods) {
            for (Container c : pod.servingContainers()) {
                for (JsonNode port : c.node().path("ports")) {
                    if (name != null && name.equals(port.path("name").asText(null))) {
                        return true;
                    }
                    if (name == null && port.path("containerPort").asInt(-1) == number) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Whether any selected container declares ports at all. */
    static boolean declaresPorts(List<AppPods.PodSource> pods) {
        return pods.stream().flatMap(p -> p.servingContainers().stream())
                .anyMatch(c -> c.node().path("ports").isArray() && !c.node().path("ports").isEmpty());
    }

    /** A core Service (a Knative or other custom kind called Service is not). */
    static boolean isService(ManifestObject object) {
        return object.kind().equals("Service") && object.apiVersion().equals("v1");
    }

    /** The app's Services. */
    static List<ManifestObject> all(Bundle bundle) {
        return AppIndex.of(bundle).services();
    }

    /** The app's Service of that name in a namespace. */
    static Optional<ManifestObject> named(Bundle bundle, String namespace, String name) {
        return AppObjects.find(bundle, "Service", namespace, name).filter(Services::isService);
    }

    /** Whether a Service has a port numbered {@code number} (when name is null) or named {@code name}. */
    static boolean hasPort(ManifestObject service, String name, int number) {
        for (JsonNode port : service.at("spec.ports")) {
            if (name != null ? name.equals(port.path("name").asText(null)) : port.path("port").asInt(-1) == number) {
                return true;
            }
        }
        return false;
    }
}
