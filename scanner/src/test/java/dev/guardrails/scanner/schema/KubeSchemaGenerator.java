package dev.guardrails.scanner.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;

/**
 * Turns the jsii assembly of an npm {@code cdk8s-plus-NN} package into the compact table
 * {@link KubeSchema} reads. cdk8s-plus-NN carries cdk8s' import of the Kubernetes 1.NN OpenAPI
 * document: every API type as an interface whose properties keep the OpenAPI id and original
 * field name ({@code docs.custom.schema: io.k8s.api.apps.v1.DeploymentSpec#selector}), with
 * {@code optional} unset exactly for required fields.
 */
public final class KubeSchemaGenerator {

    /** Schema-id package to API group where it is not simply {@code <pkg>.k8s.io}. */
    private static final Map<String, String> GROUPS = Map.of(
            "core", "", "apps", "apps", "batch", "batch", "autoscaling", "autoscaling", "policy", "policy",
            "rbac", "rbac.authorization.k8s.io", "flowcontrol", "flowcontrol.apiserver.k8s.io",
            "apiserverinternal", "internal.apiserver.k8s.io");

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** The compact table, as canonical JSON (sorted keys), for one jsii assembly. */
    public String generate(Path jsii, String kubeVersion) throws IOException {
        JsonNode root = json.readTree(jsii.toFile());
        JsonNode types = root.path("types");
        String assembly = root.path("name").asText() + "@" + root.path("version").asText();
        // jsii type name -> OpenAPI id
        Map<String, String> ids = new TreeMap<>();
        types.fields().forEachRemaining(e -> {
            String id = e.getValue().path("docs").path("custom").path("schema").asText("");
            if (e.getKey().contains(".k8s.") && !id.isEmpty()) {
                ids.put(e.getKey(), id);
            }
        });
        Map<String, String> kinds = new TreeMap<>();
        Map<String, ObjectNode> typeDefs = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : iterable(types)) {
            JsonNode t = e.getValue();
            String id = ids.get(e.getKey());
            if (id == null) {
                continue;
            }
            if ("class".equals(t.path("kind").asText()) && "cdk8s.ApiObject".equals(t.path("base").asText())) {
                String gvk = gvk(id);
                if (gvk != null) {
                    kinds.put(gvk, id);
                }
                continue;
            }
            if (!"interface".equals(t.path("kind").asText())) {
                continue;
            }
            ObjectNode def = json.createObjectNode();
            ObjectNode fields = def.putObject("p");
            TreeSet<String> required = new TreeSet<>();
            for (JsonNode p : t.path("properties")) {
                String schema = p.path("docs").path("custom").path("schema").asText("");
                String name = schema.contains("#") ? schema.substring(schema.indexOf('#') + 1) : p.path("name").asText();
                fields.put(name, typeRef(p.path("type"), ids, types));
                if (!p.path("optional").asBoolean(false)) {
                    required.add(name);
                }
            }
            ArrayNode r = def.putArray("r");
            required.forEach(r::add);
            typeDefs.putIfAbsent(id, def);
        }
        ObjectNode out = json.createObjectNode();
        out.put("version", kubeVersion);
        out.put("source", assembly);
        ObjectNode k = out.putObject("kinds");
        kinds.forEach(k::put);
        ObjectNode ty = out.putObject("types");
        typeDefs.forEach(ty::set);
        return json.writeValueAsString(out);
    }

    /** Gzips text the same way every time (no timestamp in the header). */
    public static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static String typeRef(JsonNode type, Map<String, String> ids, JsonNode types) {
        if (type.has("primitive")) {
            return switch (type.get("primitive").asText()) {
                case "string", "date" -> "string";
                case "number" -> "number";
                case "boolean" -> "boolean";
                default -> "any";
            };
        }
        if (type.has("collection")) {
            JsonNode c = type.get("collection");
            String element = typeRef(c.path("elementtype"), ids, types);
            return ("map".equals(c.path("kind").asText()) ? "{}" : "[]") + element;
        }
        String fqn = type.path("fqn").asText("");
        if (fqn.endsWith(".k8s.IntOrString")) {
            return "int-or-string";
        }
        if (fqn.endsWith(".k8s.Quantity")) {
            return "quantity";
        }
        if ("enum".equals(types.path(fqn).path("kind").asText())) {
            return "string";
        }
        return ids.getOrDefault(fqn, "any");
    }

    /** {@code io.k8s.api.apps.v1.Deployment} to {@code apps/v1/Deployment}; null for non-API packages. */
    static String gvk(String id) {
        String[] parts = id.split("\\.");
        if (parts.length < 3) {
            return null;
        }
        String kind = parts[parts.length - 1];
        String version = parts[parts.length - 2];
        String pkg = parts[parts.length - 3];
        String group;
        if (id.startsWith("io.k8s.api.")) {
            group = GROUPS.getOrDefault(pkg, pkg + ".k8s.io");
        } else if (id.startsWith("io.k8s.apiextensions-apiserver.")) {
            group = "apiextensions.k8s.io";
        } else if (id.startsWith("io.k8s.kube-aggregator.")) {
            group = "apiregistration.k8s.io";
        } else {
            return null; // io.k8s.apimachinery meta types (Status) are not objects one applies
        }
        return group + "/" + version + "/" + kind;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }

    /** {@code main(jsiiPath, kubeVersion, outputGz)}: regenerates one vendored table. */
    public static void main(String[] args) throws IOException {
        String text = new KubeSchemaGenerator().generate(Path.of(args[0]), args[1]);
        Files.write(Path.of(args[2]), gzip(text));
    }
}
