package dev.guardrails.plugin.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.guardrails.scanner.model.ObjectRef;
import dev.guardrails.scanner.report.UnifiedDiff;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;

/**
 * Unified diff of an app's rendered objects between base and head, one section per added, removed
 * or changed object ({@code --- base/Kind/namespace/name}, {@code +++ head/...}), objects in a
 * stable order. Secret {@code data} and {@code stringData} values are replaced before diffing: a
 * value shows as {@code <redacted>} when equal on both sides and {@code <redacted-changed>} when
 * not, so a reviewer sees which keys changed and never a value (not even a hash of one).
 */
final class ManifestDiff {

    static final String REDACTED = "<redacted>";
    static final String REDACTED_CHANGED = "<redacted-changed>";
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());
    private static final Comparator<ObjectRef> ORDER = Comparator.comparing(ObjectRef::kind)
            .thenComparing(r -> String.valueOf(r.namespace())).thenComparing(ObjectRef::name)
            .thenComparing(ObjectRef::apiVersion);

    private ManifestDiff() {
    }

    /**
     * @param maxChars stop once the diff is this long (the comment caps it again); the cut is marked
     */
    static String unified(Map<ObjectRef, JsonNode> before, Map<ObjectRef, JsonNode> after, int maxChars) {
        TreeSet<ObjectRef> refs = new TreeSet<>(ORDER);
        refs.addAll(before.keySet());
        refs.addAll(after.keySet());
        StringBuilder out = new StringBuilder();
        for (ObjectRef ref : refs) {
            JsonNode b = before.get(ref);
            JsonNode a = after.get(ref);
            if (b != null && b.equals(a)) {
                continue;
            }
            if (out.length() >= maxChars) {
                out.append("# … more objects changed (diff cut at ").append(maxChars).append(" characters)\n");
                break;
            }
            boolean secret = "Secret".equals(ref.kind());
            String oldText = b == null ? "" : yaml(secret ? redact(b, null) : b);
            String newText = a == null ? "" : yaml(secret ? redact(a, b) : a);
            String hunks = hunks(oldText, newText);
            if (hunks.isEmpty()) {
                continue;
            }
            String label = label(ref);
            out.append("--- ").append(b == null ? "/dev/null" : "base/" + label).append('\n');
            out.append("+++ ").append(a == null ? "/dev/null" : "head/" + label).append('\n');
            out.append(hunks);
        }
        return out.toString();
    }

    private static String label(ObjectRef r) {
        String ns = r.namespace() == null || r.namespace().isEmpty() ? "_" : r.namespace();
        return r.kind() + "/" + ns + "/" + r.name();
    }

    /**
     * A copy with every data/stringData value replaced; given the base ({@code other}), head values that
     * differ from it (or are new) are marked changed, so the diff shows which keys changed.
     */
    static JsonNode redact(JsonNode secret, JsonNode other) {
        ObjectNode copy = secret.deepCopy();
        for (String field : new String[] {"data", "stringData"}) {
            JsonNode values = copy.get(field);
            if (values instanceof ObjectNode o) {
                JsonNode theirs = other == null ? null : other.get(field);
                Iterator<Map.Entry<String, JsonNode>> it = o.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    boolean same = theirs != null && e.getValue().equals(theirs.get(e.getKey()));
                    e.setValue(o.textNode(other == null || same ? REDACTED : REDACTED_CHANGED));
                }
            } else if (values != null && !values.isNull()) {
                copy.put(field, REDACTED);
            }
        }
        return copy;
    }

    private static String yaml(JsonNode node) {
        try {
            return YAML.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return "# unprintable object: " + e.getOriginalMessage() + "\n";
        }
    }

    private static String hunks(String oldText, String newText) {
        return UnifiedDiff.hunks(oldText, newText);
    }
}
