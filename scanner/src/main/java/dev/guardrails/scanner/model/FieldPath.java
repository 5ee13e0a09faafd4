package dev.guardrails.scanner.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Field paths into a manifest: dot-separated keys and {@code [i]} indices, with keys that contain
 * dots, slashes or brackets quoted as {@code ["app.kubernetes.io/name"]}. One syntax is shared by
 * the parser's line map, rules and reports so a rule's path always finds its line.
 */
public final class FieldPath {

    private FieldPath() {
    }

    /** Appends a key to a path. */
    public static String key(String parent, String key) {
        String segment = needsQuoting(key) ? "[\"" + key.replace("\"", "\\\"") + "\"]" : key;
        if (parent == null || parent.isEmpty()) {
            return segment;
        }
        return segment.startsWith("[") ? parent + segment : parent + "." + segment;
    }

    /** Appends an array index to a path. */
    public static String index(String parent, int index) {
        return (parent == null ? "" : parent) + "[" + index + "]";
    }

    /** Joins keys, e.g. {@code of("spec", "template", "spec")}. */
    public static String of(String... keys) {
        String path = "";
        for (String key : keys) {
            path = key(path, key);
        }
        return path;
    }

    /** The path without its last segment; empty for a top-level key. */
    public static String parent(String path) {
        List<String> segments = segments(path);
        if (segments.size() <= 1) {
            return "";
        }
        return join(segments.subList(0, segments.size() - 1));
    }

    /** Resolves a path against a tree; a missing node when any step is absent. */
    public static JsonNode resolve(JsonNode root, String path) {
        JsonNode node = root;
        if (path == null || path.isEmpty()) {
            return root;
        }
        for (String segment : segments(path)) {
            if (node == null || node.isMissingNode()) {
                return MissingNode.getInstance();
            }
            if (segment.startsWith("[") && !segment.startsWith("[\"")) {
                node = node.path(Integer.parseInt(segment.substring(1, segment.length() - 1)));
            } else {
                node = node.path(unquote(segment));
            }
        }
        return node == null ? MissingNode.getInstance() : node;
    }

    /** The segments of a path: keys (quoted ones kept quoted) and {@code [i]} indices. */
    public static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = path.length();
        while (i < n) {
            char c = path.charAt(i);
            if (c == '.') {
                i++;
            } else if (c == '[') {
                int end;
                if (i + 1 < n && path.charAt(i + 1) == '"') {
                    end = i + 2;
                    while (end < n && !(path.charAt(end) == '"' && path.charAt(end - 1) != '\\')) {
                        end++;
                    }
                    end = path.indexOf(']', end);
                } else {
                    end = path.indexOf(']', i);
                }
                if (end < 0) {
                    end = n - 1;
                }
                out.add(path.substring(i, end + 1));
                i = end + 1;
            } else {
                int end = i;
                while (end < n && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                out.add(path.substring(i, end));
                i = end;
            }
        }
        return out;
    }

    /** The path of {@link #segments}, joined back. */
    public static String join(List<String> segments) {
        StringBuilder sb = new StringBuilder();
        for (String s : segments) {
            if (!s.startsWith("[") && sb.length() > 0) {
                sb.append('.');
            }
            sb.append(s);
        }
        return sb.toString();
    }

    /** Whether a segment of {@link #segments} is a list index such as {@code [0]}. */
    public static boolean isIndex(String segment) {
        return segment.startsWith("[") && !segment.startsWith("[\"");
    }

    /** The key a segment of {@link #segments} names, quotes removed. */
    public static String unquote(String segment) {
        if (segment.startsWith("[\"")) {
            return segment.substring(2, segment.length() - 2).replace("\\\"", "\"");
        }
        return segment;
    }

    private static boolean needsQuoting(String key) {
        if (key.isEmpty()) {
            return true;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '.' || c == '[' || c == ']' || c == '/' || c == '"' || Character.isWhitespace(c)) {
                return true;
            }
        }
        return false;
    }
}
