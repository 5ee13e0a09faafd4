package dev.guardrails.scanner.rules.pods;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.k8s.Container;
import dev.guardrails.scanner.model.FieldPath;
import java.util.ArrayList;
import java.util.List;

/** Small shared helpers of the pod hygiene rules. */
final class PodRules {

    private PodRules() {
    }

    /** One element of an array field of a container, with its path. */
    record Element(JsonNode node, String path) {

        String text(String key) {
            JsonNode v = node.path(key);
            return v.isValueNode() && !v.isNull() ? v.asText() : "";
        }

        String field(String key) {
            return FieldPath.key(path, key);
        }
    }

    /** The elements of {@code <parent>.<field>} (ports, env, volumeMounts), with their paths. */
    static List<Element> elements(JsonNode parent, String parentPath, String field) {
        List<Element> out = new ArrayList<>();
        JsonNode array = parent.path(field);
        if (array.isArray()) {
            for (int i = 0; i < array.size(); i++) {
                out.add(new Element(array.get(i), FieldPath.index(FieldPath.key(parentPath, field), i)));
            }
        }
        return out;
    }

    static List<Element> elements(Container c, String field) {
        return elements(c.node(), c.path(), field);
    }

    /** An integer port from a number or a string of digits; -1 otherwise (a port name). */
    static int portNumber(JsonNode port) {
        if (port.isIntegralNumber()) {
            return port.intValue();
        }
        if (port.isTextual() && port.textValue().matches("\\d{1,5}")) {
            return Integer.parseInt(port.textValue());
        }
        return -1;
    }

    /** The protocol of a port entry, TCP when unset. */
    static String protocol(Element port) {
        String p = port.text("protocol");
        return p.isEmpty() ? "TCP" : p;
    }
}
