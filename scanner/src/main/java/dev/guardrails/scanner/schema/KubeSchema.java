package dev.guardrails.scanner.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The built-in API types of one Kubernetes minor version, as a compact table: each kind's
 * top-level type, and each type's fields with their type reference and the required ones.
 *
 * <p>A type reference is a primitive ({@code string}, {@code number}, {@code boolean},
 * {@code any}, {@code int-or-string}, {@code quantity}), {@code []T} for a list, {@code {}T} for a
 * map with string keys, or the OpenAPI id of another type such as
 * {@code io.k8s.api.core.v1.PodSpec}. Generated from a package by {@code scripts/generate-k8s-schemas.sh}.
 *
 * @param version the Kubernetes minor version, e.g. {@code 1.34}
 * @param source  the package the table was generated from
 * @param kinds   {@code group/version/Kind} (core: {@code /v1/Kind}) to the type id
 * @param types   type id to its fields
 */
public record KubeSchema(String version, String source, Map<String, String> kinds, Map<String, TypeDef> types) {

    /** The fields of one object type: name to type reference, and the names that are required. */
    public record TypeDef(Map<String, String> fields, Set<String> required) {
    }

    public KubeSchema {
        kinds = Map.copyOf(kinds);
        types = Map.copyOf(types);
    }

    /** The type id of a kind, or null when this version does not serve it. */
    public String kindType(String group, String version, String kind) {
        return kinds.get(group + "/" + version + "/" + kind);
    }

    /** Group/versions this version serves, e.g. {@code apps/v1} and {@code /v1}. */
    public Set<String> groupVersions() {
        Set<String> out = new HashSet<>();
        for (String key : kinds.keySet()) {
            out.add(key.substring(0, key.lastIndexOf('/')));
        }
        return out;
    }

    /** Groups this version serves ({@code ""} for core). */
    public Set<String> groups() {
        Set<String> out = new HashSet<>();
        for (String key : kinds.keySet()) {
            out.add(key.substring(0, key.indexOf('/')));
        }
        return out;
    }

    /** Reads the compact JSON form, gzipped. */
    public static KubeSchema read(InputStream gzipped) throws IOException {
        try (InputStream in = new GZIPInputStream(gzipped)) {
            return fromJson(new ObjectMapper().readTree(in));
        }
    }

    static KubeSchema fromJson(JsonNode root) {
        Map<String, String> kinds = new HashMap<>();
        root.path("kinds").fields().forEachRemaining(e -> kinds.put(e.getKey(), e.getValue().asText()));
        Map<String, TypeDef> types = new HashMap<>();
        root.path("types").fields().forEachRemaining(e -> {
            Map<String, String> fields = new LinkedHashMap<>();
            e.getValue().path("p").fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue().asText()));
            Set<String> required = new HashSet<>();
            e.getValue().path("r").forEach(r -> required.add(r.asText()));
            types.put(e.getKey(), new TypeDef(Map.copyOf(fields), Set.copyOf(required)));
        });
        return new KubeSchema(root.path("version").asText(), root.path("source").asText(), kinds, types);
    }

    /** Versions shipped in the scanner, oldest first. */
    public static final List<String> SHIPPED = List.of("1.30", "1.31", "1.32", "1.33", "1.34");
}
