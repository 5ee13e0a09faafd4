package dev.guardrails.argocd.appset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Param values as Argo CD sees them after {@code sigs.k8s.io/yaml} / {@code encoding/json}
 * decoding: strings, {@code Double} for every number (Go decodes JSON numbers to float64),
 * booleans, lists, maps and {@code null}. Template integer literals are {@code Long}.
 * {@link #MISSING} stands for Go's invalid value (a map key that is not there).
 *
 * <p>Printing follows Go's {@code fmt %v}, so {@code 1000000} prints as {@code 1e+06} exactly as
 * Argo CD would render it.
 */
final class GoValues {

    /** Go's invalid {@code reflect.Value}: what a missing map key evaluates to. */
    static final Object MISSING = new Object() {
        @Override
        public String toString() {
            return "<no value>";
        }
    };

    private static final ObjectMapper JSON = new ObjectMapper();

    private GoValues() {
    }

    /** Converts a Jackson tree into Go-like values (numbers become {@code Double}). */
    static Object fromJson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                map.put(e.getKey(), fromJson(e.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(n -> list.add(fromJson(n)));
            return list;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asText();
    }

    /** Converts back to a Jackson tree; integral doubles become integers as in Go's JSON encoder. */
    static JsonNode toJson(Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value == null || value == MISSING) {
            return f.nullNode();
        }
        if (value instanceof String s) {
            return f.textNode(s);
        }
        if (value instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (value instanceof Long l) {
            return f.numberNode(l);
        }
        if (value instanceof Double d) {
            if (!d.isNaN() && !d.isInfinite() && d == Math.rint(d) && Math.abs(d) < 1e21) {
                return f.numberNode(BigDecimal.valueOf(d).toBigInteger());
            }
            return f.numberNode(d);
        }
        if (value instanceof List<?> list) {
            var array = f.arrayNode();
            list.forEach(v -> array.add(toJson(v)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = f.objectNode();
            // Go marshals map keys in sorted order.
            new TreeMap<>(map).forEach((k, v) -> object.set(String.valueOf(k), toJson(v)));
            return object;
        }
        return f.textNode(String.valueOf(value));
    }

    static String toJsonString(Object value) {
        try {
            return JSON.writeValueAsString(toJson(value));
        } catch (Exception e) {
            return "";
        }
    }

    /** Go {@code fmt.Sprint} of a value. */
    static String print(Object value) {
        if (value == MISSING || value == null) {
            // text/template prints nil interface values from a map as "<no value>" too.
            return "<no value>";
        }
        return fmt(value);
    }

    /** Go {@code fmt %v}, used inside composite values and by flattening. */
    static String fmt(Object value) {
        if (value == null) {
            return "<nil>";
        }
        if (value == MISSING) {
            return "<no value>";
        }
        if (value instanceof Double d) {
            return formatFloat(d);
        }
        if (value instanceof List<?> list) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                sb.append(fmt(list.get(i)));
            }
            return sb.append(']').toString();
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder sb = new StringBuilder("map[");
            boolean first = true;
            for (Map.Entry<?, ?> e : new TreeMap<>(map).entrySet()) {
                if (!first) {
                    sb.append(' ');
                }
                first = false;
                sb.append(e.getKey()).append(':').append(fmt(e.getValue()));
            }
            return sb.append(']').toString();
        }
        return String.valueOf(value);
    }

    /** Go {@code strconv.FormatFloat(d, 'g', -1, 64)} as used by {@code %v}. */
    static String formatFloat(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        String sign = d < 0 ? "-" : "";
        BigDecimal bd = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = bd.unscaledValue().toString();
        int exp = digits.length() - 1 - bd.scale();
        if (exp < -4 || exp >= 6) {
            StringBuilder sb = new StringBuilder(sign).append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exp < 0 ? '-' : '+');
            int abs = Math.abs(exp);
            if (abs < 10) {
                sb.append('0');
            }
            return sb.append(abs).toString();
        }
        return sign + bd.toPlainString();
    }

    /** Go template truth: false, 0, nil, empty string/list/map and missing values are false. */
    static boolean truth(Object value) {
        if (value == null || value == MISSING) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s) {
            return !s.isEmpty();
        }
        if (value instanceof Double d) {
            return d != 0;
        }
        if (value instanceof Long l) {
            return l != 0;
        }
        if (value instanceof List<?> l) {
            return !l.isEmpty();
        }
        if (value instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return true;
    }

    /** Sprig / mergo notion of an empty value (the same as falsy here). */
    static boolean empty(Object value) {
        return !truth(value);
    }

    static String typeName(Object value) {
        if (value == null || value == MISSING) {
            return "<nil>";
        }
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Double) {
            return "float64";
        }
        if (value instanceof Long) {
            return "int";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof List<?>) {
            return "[]interface {}";
        }
        if (value instanceof Map<?, ?>) {
            return "map[string]interface {}";
        }
        return value.getClass().getSimpleName();
    }

    /** Deep copy of a param value so that merges never alias. */
    @SuppressWarnings("unchecked")
    static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> out.put(k, copy(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(copy(v)));
            return out;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> copyParams(Map<String, Object> params) {
        return (Map<String, Object>) copy(params);
    }
}
