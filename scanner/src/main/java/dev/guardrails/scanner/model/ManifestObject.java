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
    private final java.util.Set<String> volatileFields;
    private final String stableName;

    public ManifestObject(ObjectNode raw, SourceSpan origin, Map<String, Integer> fieldLines) {
        this(raw, origin, fieldLines, Map.of());
    }

    /**
     * @param fieldFiles for fields that come from another file than {@code origin} (a kustomize
     *                   patch), that file; {@code fieldLines} then holds the line in it
     */
    public ManifestObject(ObjectNode raw, SourceSpan origin, Map<String, Integer> fieldLines,
                          Map<String, String> fieldFiles) {
        this(raw, origin, fieldLines, fieldFiles, java.util.Set.of(), null);
    }

    private ManifestObject(ObjectNode raw, SourceSpan origin, Map<String, Integer> fieldLines,
                           Map<String, String> fieldFiles, java.util.Set<String> volatileFields, String stableName) {
        this.volatileFields = java.util.Set.copyOf(volatileFields);
        this.stableName = stableName;
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

    /**
     * The same object, knowing which of its fields the renderer generates anew on every render
     * (Helm's {@code randAlphaNum}, {@code genCA}...): their values are not in Git.
     *
     * @param stableName the name reduced to what both renders share, when the name itself is
     *                   generated; {@code null} otherwise
     */
    public ManifestObject withVolatileFields(java.util.Set<String> paths, String stableName) {
        return new ManifestObject(raw, origin, fieldLines, fieldFiles, paths, stableName);
    }

    /** Field paths (leaves) whose values differ from one render to the next; usually empty. */
    public java.util.Set<String> volatileFields() {
        return volatileFields;
    }

    /** True when the value at {@code path}, or anything below it, is generated at render time. */
    public boolean isVolatile(String path) {
        if (volatileFields.isEmpty()) {
            return false;
        }
        for (String v : volatileFields) {
            if (v.equals(path) || v.startsWith(path + ".") || v.startsWith(path + "[")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The object's identity for finding fingerprints: its reference with a generated name reduced
     * to what stays the same across renders ({@code web-test-*} for {@code web-test-x7k2q}).
     */
    public ObjectRef identity() {
        return stableName != null
                ? new ObjectRef(ref.apiVersion(), ref.kind(), ref.namespace(), stableName)
                : ObjectIdentity.stable(ref);
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
