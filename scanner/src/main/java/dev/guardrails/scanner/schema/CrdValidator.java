package dev.guardrails.scanner.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.model.FieldPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a custom resource against the {@code openAPIV3Schema} of its CRD version the way the API
 * server does before admission: declared types, {@code integer} versus {@code number}, enums,
 * required fields, and unknown fields where the schema lists properties and does not preserve
 * unknown ones. Value validations in {@code allOf}/{@code anyOf}/{@code oneOf}, formats and CEL
 * {@code x-kubernetes-validations} are not evaluated.
 */
public final class CrdValidator {

    private static final Set<String> OBJECT_META = Set.of("apiVersion", "kind", "metadata");

    private CrdValidator() {
    }

    public static List<SchemaProblem> validate(JsonNode object, JsonNode openApiSchema) {
        List<SchemaProblem> out = new ArrayList<>();
        check(object, openApiSchema, "", out, true);
        return out.size() > BuiltinValidator.MAX_PROBLEMS ? out.subList(0, BuiltinValidator.MAX_PROBLEMS) : out;
    }

    private static void check(JsonNode value, JsonNode schema, String path, List<SchemaProblem> out, boolean root) {
        if (value == null || value.isMissingNode() || value.isNull() || !schema.isObject()
                || out.size() > BuiltinValidator.MAX_PROBLEMS) {
            return;
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            expect(value.isIntegralNumber() || value.isTextual(), value, "an integer or a string", path, out);
            return;
        }
        String type = schema.path("type").asText("");
        boolean typeOk = switch (type) {
            case "object" -> expect(value.isObject(), value, "an object", path, out);
            case "array" -> expect(value.isArray(), value, "a list", path, out);
            case "string" -> expect(value.isTextual(), value, "a string", path, out);
            case "integer" -> expect(value.isIntegralNumber()
                    || value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0, value, "an integer", path, out);
            case "number" -> expect(value.isNumber(), value, "a number", path, out);
            case "boolean" -> expect(value.isBoolean(), value, "true or false", path, out);
            default -> true;
        };
        if (!typeOk) {
            return;
        }
        JsonNode enumValues = schema.path("enum");
        if (enumValues.isArray() && !enumValues.isEmpty() && !contains(enumValues, value)) {
            out.add(new SchemaProblem(path, path + " must be one of " + enumValues + ", not " + BuiltinValidator.describe(value)));
        }
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), schema.path("items"), FieldPath.index(path, i), out, false);
            }
        }
        if (value.isObject()) {
            checkObject(value, schema, path, out, root || schema.path("x-kubernetes-embedded-resource").asBoolean(false));
        }
    }

    private static void checkObject(JsonNode value, JsonNode schema, String path, List<SchemaProblem> out, boolean embedsMeta) {
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.path("additionalProperties");
        boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String fieldPath = FieldPath.key(path, e.getKey());
            if (properties.has(e.getKey())) {
                check(e.getValue(), properties.get(e.getKey()), fieldPath, out, false);
            } else if (additional.isObject()) {
                check(e.getValue(), additional, fieldPath, out, false);
            } else if (embedsMeta && OBJECT_META.contains(e.getKey())) {
                continue;
            } else if (properties.isObject() && !preserve && !additional.asBoolean(false)) {
                out.add(new SchemaProblem(fieldPath, "unknown field \"" + e.getKey() + "\""
                        + (path.isEmpty() ? "" : " in " + path)));
            }
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode r : schema.path("required")) {
            String name = r.asText();
            if (seen.add(name) && (value.path(name).isMissingNode() || value.path(name).isNull())) {
                out.add(new SchemaProblem(path, "missing required field \"" + name + "\""
                        + (path.isEmpty() ? "" : " in " + path)));
            }
        }
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode v : values) {
            if (v.equals(value) || v.isNumber() && value.isNumber() && v.decimalValue().compareTo(value.decimalValue()) == 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean expect(boolean ok, JsonNode value, String what, String path, List<SchemaProblem> out) {
        if (!ok) {
            out.add(new SchemaProblem(path, (path.isEmpty() ? "the object" : path) + " must be " + what
                    + ", not " + BuiltinValidator.describe(value)));
        }
        return ok;
    }
}
