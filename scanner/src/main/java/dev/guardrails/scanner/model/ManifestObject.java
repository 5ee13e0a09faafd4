package dev.guardrails.scanner.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One rendered Kubernetes object: its raw tree as parsed, where it came from, and the line of
 * each field so findings can point at the offending line rather than the object.
 *
 * <p>Field paths use {@link FieldPath} syntax, e.g.
 * {@code spec.template.spec.containers[0].securityContext.privileged}. The tree is treated as
 * read-only by every rule.
 */
public final class ManifestObject {

    private final ObjectNode raw;
    private final SourceSpan origin;
    private final Map<String, Integer> fieldLines;
    private final Map<String, String> fieldFiles;
    private final ObjectRef ref;

    public ManifestObject(ObjectNode raw, SourceSpan origin, Map<String, Integer> fieldLines) {
        this(raw, origin, fieldLines, Map.of());
    }

    /**
     * @param fieldFiles for fields that come from another file than {@code origin} (a kustomize
     *                   patch), that file; {@code fieldLines} then holds the line in it
     */
    public ManifestObject(ObjectNode raw, SourceSpan origin, Map<String, Integer> fieldLines,
                          Map<String, String> fieldFiles) {
        this.raw = Objects.requireNonNull(raw, "raw");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.fieldLines = fieldLines == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fieldLines));
        this.fieldFiles = fieldFiles == null ? Map.of() : Map.copyOf(fieldFiles);
        JsonNode metadata = raw.path("metadata");
        this.ref = new ObjectRef(
                raw.path("apiVersion").asText(""),
                raw.path("kind").asText(""),
                metadata.path("namespace").asText(""),
                metadata.path("name").asText(""));
    }

    public ObjectNode raw() {
        return raw;
    }

    public SourceSpan origin() {
        return origin;
    }

    public ObjectRef ref() {
        return ref;
    }

    public String apiVersion() {
        return ref.apiVersion();
    }

    public String kind() {
        return ref.kind();
    }

    public String name() {
        return ref.name();
    }

    /** The namespace as written in the object; empty when the manifest leaves it to the deployer. */
    public String namespace() {
        return ref.namespace();
    }

    public JsonNode metadata() {
        return raw.path("metadata");
    }

    public Map<String, String> labels() {
        return stringMap(raw.path("metadata").path("labels"));
    }

    public Map<String, String> annotations() {
        return stringMap(raw.path("metadata").path("annotations"));
    }

    /** The node at a {@link FieldPath}, or a missing node. */
    public JsonNode at(String path) {
        return FieldPath.resolve(raw, path);
    }

    /** Field paths mapped to their 1-based line in {@link #origin()}'s file. */
    public Map<String, Integer> fieldLines() {
        return fieldLines;
    }

    /**
     * The source location of a field: its own line if known, else the line of its nearest
     * ancestor that exists in the manifest (a missing field is reported where it should be added),
     * else the object's own line.
     */
    public SourceSpan locate(String path) {
        String current = path == null ? "" : path;
        while (!current.isEmpty()) {
            Integer line = fieldLines.get(current);
            if (line != null) {
                String file = fieldFiles.get(current);
                return file == null ? origin.withLine(line) : new SourceSpan(file, line, 0);
            }
            current = FieldPath.parent(current);
        }
        return origin;
    }

    private static Map<String, String> stringMap(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Map.of();
        }
        Map<String, String> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
        return Collections.unmodifiableMap(map);
    }

    @Override
    public String toString() {
        return ref + " (" + origin + ")";
    }
}
