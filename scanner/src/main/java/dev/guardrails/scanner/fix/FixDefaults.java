package dev.guardrails.scanner.fix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guardrails.scanner.config.ConfigException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The values a platform team hands to {@code guardrails fix} under {@code fixes:} in
 * {@code .guardrails.yaml}: defaults for resource requests and limits, probe templates and label
 * values. Rules whose fix needs one of these are not auto-fixable until the policy names it.
 *
 * <pre>
 * fixes:
 *   resources:
 *     requests: {cpu: 100m, memory: 128Mi}
 *     limits: {memory: 128Mi}
 *   probes:
 *     readinessProbe: {httpGet: {path: /healthz, port: http}}
 *   labels:
 *     team: platform
 * </pre>
 */
public record FixDefaults(Map<String, String> requests, Map<String, String> limits,
                          Map<String, ObjectNode> probes, Map<String, String> labels) {

    private static final Set<String> PROBES = Set.of("livenessProbe", "readinessProbe", "startupProbe");

    public FixDefaults {
        requests = Map.copyOf(requests);
        limits = Map.copyOf(limits);
        probes = Map.copyOf(probes);
        labels = Map.copyOf(labels);
    }

    public static FixDefaults none() {
        return new FixDefaults(Map.of(), Map.of(), Map.of(), Map.of());
    }

    /** Binds the {@code fixes:} node (missing = none); unknown keys and non-text values are errors. */
    public static FixDefaults read(JsonNode fixes) throws ConfigException {
        if (fixes == null || fixes.isMissingNode() || fixes.isNull()) {
            return none();
        }
        mapping(fixes, "fixes", Set.of("resources", "probes", "labels"));
        JsonNode resources = fixes.path("resources");
        if (!resources.isMissingNode()) {
            mapping(resources, "fixes.resources", Set.of("requests", "limits"));
        }
        Map<String, ObjectNode> probes = new LinkedHashMap<>();
        JsonNode probeNode = fixes.path("probes");
        if (!probeNode.isMissingNode()) {
            mapping(probeNode, "fixes.probes", PROBES);
            for (var it = probeNode.fields(); it.hasNext(); ) {
                var e = it.next();
                if (!e.getValue().isObject() || e.getValue().isEmpty()) {
                    throw new ConfigException("fixes.probes." + e.getKey() + ": a probe (httpGet, tcpSocket, grpc or exec)");
                }
                probes.put(e.getKey(), (ObjectNode) e.getValue());
            }
        }
        return new FixDefaults(strings(resources.path("requests"), "fixes.resources.requests"),
                strings(resources.path("limits"), "fixes.resources.limits"), probes,
                strings(fixes.path("labels"), "fixes.labels"));
    }

    private static void mapping(JsonNode node, String field, Set<String> allowed) throws ConfigException {
        if (!node.isObject()) {
            throw new ConfigException(field + ": expected a mapping");
        }
        for (var it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new ConfigException(field + "." + key + ": unknown key (allowed: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }

    private static Map<String, String> strings(JsonNode node, String field) throws ConfigException {
        Map<String, String> out = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw new ConfigException(field + ": expected a mapping of names to values");
        }
        for (var it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new ConfigException(field + "." + e.getKey() + ": expected a text value");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }
}
