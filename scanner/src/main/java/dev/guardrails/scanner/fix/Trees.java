package dev.guardrails.scanner.fix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/** Value comparison and strategic merging of JSON trees read from YAML. */
final class Trees {

    private Trees() {
    }

    /** Equal as Kubernetes sees them: numbers by value whatever their Java type. */
    static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!b.has(e.getKey()) || !same(e.getValue(), b.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /**
     * Merges {@code patch} into {@code target} as a strategic-merge patch does for the lists it
     * writes: mappings key by key, lists of named items by name, other lists replaced.
     */
    static void merge(ObjectNode target, JsonNode patch) {
        patch.fields().forEachRemaining(e -> {
            JsonNode existing = target.get(e.getKey());
            JsonNode value = e.getValue();
            if (existing instanceof ObjectNode o && value.isObject()) {
                merge(o, value);
            } else if (existing instanceof ArrayNode list && value.isArray() && named(value) && named(list)) {
                for (JsonNode item : value) {
                    ObjectNode match = null;
                    for (JsonNode old : list) {
                        if (old.path("name").asText().equals(item.path("name").asText())) {
                            match = (ObjectNode) old;
                        }
                    }
                    if (match == null) {
                        list.add(item.deepCopy());
                    } else {
                        merge(match, item);
                    }
                }
            } else {
                target.set(e.getKey(), value.deepCopy());
            }
        });
    }

    private static boolean named(JsonNode list) {
        for (JsonNode item : list) {
            if (!item.isObject() || !item.path("name").isTextual()) {
                return false;
            }
        }
        return true;
    }
}
