package dev.guardrails.scanner.fix;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.model.FieldPath;
import java.util.List;

/**
 * Maps a path in a rendered object to the same field in its source document. List items are
 * matched by {@code name} (containers, volumes, ports), as kustomize merges them, so a sidecar an
 * overlay inserts does not shift the fix onto the wrong container.
 */
final class PathTranslator {

    private PathTranslator() {
    }

    static String translate(JsonNode rendered, JsonNode source, String path) throws FixException {
        List<String> segments = FieldPath.segments(path);
        StringBuilder out = new StringBuilder();
        JsonNode r = rendered;
        JsonNode s = source;
        for (String segment : segments) {
            if (FieldPath.isIndex(segment)) {
                int i = Integer.parseInt(segment.substring(1, segment.length() - 1));
                JsonNode item = r.path(i);
                int j = sourceIndex(item, s, i, path);
                if (j < 0) {
                    // Missing in the source: the rest of the path is new there too.
                    return null;
                }
                out.append('[').append(j).append(']');
                r = item;
                s = s.path(j);
            } else {
                String key = FieldPath.unquote(segment);
                String next = FieldPath.key(out.toString(), key);
                out.setLength(0);
                out.append(next);
                r = r.path(key);
                s = s.path(key);
            }
        }
        return out.toString();
    }

    private static int sourceIndex(JsonNode item, JsonNode sourceList, int i, String path) throws FixException {
        if (!sourceList.isArray()) {
            return -1;
        }
        String name = item.path("name").asText("");
        if (!name.isEmpty()) {
            for (int j = 0; j < sourceList.size(); j++) {
                if (name.equals(sourceList.path(j).path("name").asText())) {
                    return j;
                }
            }
            return -1;
        }
        throw new FixException(path + ": list items without a name cannot be matched to the source");
    }
}
