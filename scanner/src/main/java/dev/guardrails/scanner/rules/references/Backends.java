package dev.guardrails.scanner.rules.references;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.model.FieldPath;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.rule.Bundle;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The Service backends of Ingresses and Gateway API routes. */
final class Backends {

    static final Set<String> ROUTE_KINDS = Set.of("HTTPRoute", "GRPCRoute", "TLSRoute", "TCPRoute", "UDPRoute");

    /**
     * A Service backend.
     *
     * @param service    the Service's name
     * @param namespace  where the Service must be
     * @param portName   the Service port's name, or null
     * @param portNumber the Service port's number, or 0 when given by name or not at all
     * @param path       field path of the backend's service name
     * @param portPath   field path of its port
     */
    record Backend(String service, String namespace, String portName, int portNumber, String path, String portPath) {
    }

    private Backends() {
    }

    /** The Service backends of an Ingress: networking.k8s.io/v1 shape, and the older serviceName/servicePort one. */
    static List<Backend> ofIngress(ManifestObject ingress, Bundle bundle) {
        List<Backend> out = new ArrayList<>();
        if (!ingress.kind().equals("Ingress")) {
            return out;
        }
        String ns = bundle.namespaceOf(ingress);
        ingressBackend(out, ingress.at("spec.defaultBackend"), "spec.defaultBackend", ns);
        ingressBackend(out, ingress.at("spec.backend"), "spec.backend", ns);
        JsonNode rules = ingress.at("spec.rules");
        for (int i = 0; i < AppObjects.length(rules); i++) {
            JsonNode paths = rules.get(i).path("http").path("paths");
            for (int j = 0; j < AppObjects.length(paths); j++) {
                String p = FieldPath.index(FieldPath.index("spec.rules", i) + ".http.paths", j) + ".backend";
                ingressBackend(out, paths.get(j).path("backend"), p, ns);
            }
        }
        return out;
    }

    private static void ingressBackend(List<Backend> out, JsonNode backend, String path, String ns) {
        JsonNode service = backend.path("service");
        if (service.hasNonNull("name")) {
            JsonNode port = service.path("port");
            out.add(new Backend(service.path("name").asText(), ns, port.hasNonNull("name") ? port.path("name").asText() : null,
                    port.path("number").asInt(0), path + ".service.name", path + ".service.port"));
        } else if (backend.hasNonNull("serviceName")) {
            JsonNode port = backend.path("servicePort");
            boolean named = port.isTextual() && !port.asText().matches("\\d+");
            out.add(new Backend(backend.path("serviceName").asText(), ns, named ? port.asText() : null,
                    named ? 0 : port.asInt(0), path + ".serviceName", path + ".servicePort"));
        }
    }

    /** The Service backendRefs of a Gateway API route (core-group Service, the default kind). */
    static List<Backend> ofRoute(ManifestObject route, Bundle bundle) {
        List<Backend> out = new ArrayList<>();
        if (!ROUTE_KINDS.contains(route.kind()) || !route.apiVersion().startsWith("gateway.networking.k8s.io/")) {
            return out;
        }
        String ns = bundle.namespaceOf(route);
        JsonNode rules = route.at("spec.rules");
        for (int i = 0; i < AppObjects.length(rules); i++) {
            JsonNode refs = rules.get(i).path("backendRefs");
            for (int j = 0; j < AppObjects.length(refs); j++) {
                JsonNode ref = refs.get(j);
                if (!ref.path("group").asText("").isEmpty() || !ref.path("kind").asText("Service").equals("Service")
                        || !ref.hasNonNull("name")) {
                    continue;
                }
                String p = FieldPath.index(FieldPath.index("spec.rules", i) + ".backendRefs", j);
                out.add(new Backend(ref.path("name").asText(), ref.path("namespace").asText(ns), null,
                        ref.path("port").asInt(0), p + ".name", p + ".port"));
            }
        }
        return out;
    }
}
