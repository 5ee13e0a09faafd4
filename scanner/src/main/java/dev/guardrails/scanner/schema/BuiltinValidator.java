package dev.guardrails.scanner.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.k8s.Quantity;
import dev.guardrails.scanner.model.FieldPath;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks an object of a built-in kind against a {@link KubeSchema} the way the API server decodes
 * it with strict field validation (Argo CD's and kubectl's default): unknown fields, values of the
 * wrong JSON type (a number where a string belongs, as in an unquoted env value), missing required
 * fields, and malformed quantities. {@code null} means unset, as for the API server.
 */
public final class BuiltinValidator {

    /** Enough to fix a broken object; more only floods the report. */
    static final int MAX_PROBLEMS = 20;
    /**
     * Top-level fields no type lists: status (read-only, ignored on apply) and sops (the metadata
     * of a SOPS-encrypted file, which a decrypting plugin removes before Argo CD applies it).
     */
    private static final Set<String> TOP_LEVEL = Set.of("apiVersion", "kind", "status", "sops");
    private static final Set<String> YAML11_BOOLEANS = Set.of("true", "false", "yes", "no", "on", "off", "y", "n");

    private final KubeSchema schema;
    private final boolean reportUnknownFields;

    /**
     * @param reportUnknownFields false when the target cluster is newer than the schema, whose
     *                            list of fields may then be incomplete
     */
    public BuiltinValidator(KubeSchema schema, boolean reportUnknownFields) {
        this.schema = schema;
        this.reportUnknownFields = reportUnknownFields;
    }

    /** Problems of a whole object of the kind whose top-level type is {@code typeId}. */
    public List<SchemaProblem> validate(JsonNode object, String typeId) {
        List<SchemaProblem> out = new ArrayList<>();
        KubeSchema.TypeDef def = schema.types().get(typeId);
        if (def == null) {
            return out;
        }
        checkFields(object, def, "", out, TOP_LEVEL);
        if (!object.path("metadata").path("name").isTextual() && !object.path("metadata").path("generateName").isTextual()) {
            out.add(new SchemaProblem("metadata", "metadata.name is required"));
        }
        return out.size() > MAX_PROBLEMS ? out.subList(0, MAX_PROBLEMS) : out;
    }

    private void check(JsonNode value, String type, String path, List<SchemaProblem> out) {
        if (value == null || value.isNull() || value.isMissingNode() || out.size() > MAX_PROBLEMS) {
            return;
        }
        switch (type) {
            case "any" -> {
            }
            case "string" -> expect(value.isTextual(), value, "a string", path, out);
            case "number" -> expect(value.isNumber(), value, "a number", path, out);
            case "boolean" -> expect(value.isBoolean()
                    || value.isTextual() && YAML11_BOOLEANS.contains(value.textValue().toLowerCase(Locale.ROOT)),
                    value, "true or false", path, out);
            case "int-or-string" -> expect(value.isIntegralNumber() || value.isTextual(), value,
                    "an integer or a string", path, out);
            case "quantity" -> {
                if (value.isTextual() && !Quantity.isValid(value.textValue())) {
                    out.add(new SchemaProblem(path, path + ": '" + value.textValue() + "' is not a valid quantity "
                            + "(e.g. 500m, 256Mi, 1Gi, 2)"));
                } else {
                    expect(value.isNumber() || value.isTextual(), value, "a quantity", path, out);
                }
            }
            default -> checkComposite(value, type, path, out);
        }
    }

    private void checkComposite(JsonNode value, String type, String path, List<SchemaProblem> out) {
        if (type.startsWith("[]")) {
            if (expect(value.isArray(), value, "a list", path, out)) {
                for (int i = 0; i < value.size(); i++) {
                    check(value.get(i), type.substring(2), FieldPath.index(path, i), out);
                }
            }
        } else if (type.startsWith("{}")) {
            if (expect(value.isObject(), value, "a map", path, out)) {
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    check(e.getValue(), type.substring(2), FieldPath.key(path, e.getKey()), out);
                }
            }
        } else {
            KubeSchema.TypeDef def = schema.types().get(type);
            if (def != null && expect(value.isObject(), value, "an object", path, out)) {
                checkFields(value, def, path, out, Set.of());
            }
        }
    }

    private void checkFields(JsonNode value, KubeSchema.TypeDef def, String path, List<SchemaProblem> out,
                             Set<String> alsoAllowed) {
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String fieldPath = FieldPath.key(path, e.getKey());
            String fieldType = def.fields().get(e.getKey());
            if (fieldType != null) {
                check(e.getValue(), fieldType, fieldPath, out);
            } else if (reportUnknownFields && !alsoAllowed.contains(e.getKey())) {
                out.add(new SchemaProblem(fieldPath, "unknown field \"" + e.getKey() + "\""
                        + (path.isEmpty() ? "" : " in " + path)));
            }
        }
        for (String required : def.required()) {
            JsonNode v = value.path(required);
            if (v.isMissingNode() || v.isNull()) {
                out.add(new SchemaProblem(path, "missing required field \"" + required + "\""
                        + (path.isEmpty() ? "" : " in " + path)));
            }
        }
    }

    private static boolean expect(boolean ok, JsonNode value, String what, String path, List<SchemaProblem> out) {
        if (!ok) {
            out.add(new SchemaProblem(path, path + " must be " + what + ", not " + describe(value)));
        }
        return ok;
    }

    static String describe(JsonNode value) {
        if (value.isTextual()) {
            String t = value.textValue();
            return "the string '" + (t.length() > 40 ? t.substring(0, 37) + "..." : t) + "'";
        }
        if (value.isNumber()) {
            return "the number " + value.asText();
        }
        if (value.isBoolean()) {
            return "the boolean " + value.asText();
        }
        return value.isArray() ? "a list" : value.isObject() ? "an object" : value.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
