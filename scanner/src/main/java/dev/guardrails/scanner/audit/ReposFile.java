package dev.guardrails.scanner.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.parse.ManifestParseException;
import dev.guardrails.scanner.parse.YamlReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the repos file of an audit:
 * <pre>
 * repos:
 *   - name: shop
 *     url: https://git.example.com/org/shop.git
 *     ref: main
 *     team: payments
 *   - name: local
 *     path: ../gitops/local     # relative to this file
 * </pre>
 * Exactly one of {@code url} and {@code path} per entry. Unknown keys are errors, so a typo does not
 * silently audit the wrong thing.
 */
public final class ReposFile {

    private static final Set<String> KEYS = Set.of("name", "url", "path", "ref", "team");

    private ReposFile() {
    }

    /**
     * Parses {@code file}.
     *
     * @throws IllegalArgumentException naming the entry and field when the file is malformed
     */
    public static List<AuditRepo> read(Path file) throws IOException {
        JsonNode root;
        try {
            if (!java.nio.file.Files.isRegularFile(file)) {
                throw new java.nio.file.NoSuchFileException(file.toString());
            }
            root = new YamlReader().readTree(file, file.toString());
        } catch (ManifestParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("repos").isArray()) {
            throw new IllegalArgumentException(file + ": expected a top-level 'repos:' list");
        }
        Path base = file.toAbsolutePath().normalize().getParent();
        List<AuditRepo> repos = new ArrayList<>();
        int i = 0;
        for (JsonNode entry : root.get("repos")) {
            String where = file + ": repos[" + i++ + "]";
            if (!entry.isObject()) {
                throw new IllegalArgumentException(where + ": expected a mapping with url or path");
            }
            for (Iterator<String> it = entry.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!KEYS.contains(key)) {
                    throw new IllegalArgumentException(where + ": unknown key '" + key + "' (allowed: " + KEYS + ")");
                }
            }
            String url = text(entry, "url", where);
            String path = text(entry, "path", where);
            if ((url == null) == (path == null)) {
                throw new IllegalArgumentException(where + ": give exactly one of 'url' and 'path'");
            }
            String location = url != null ? url : base.resolve(path).normalize().toString();
            repos.add(new AuditRepo(text(entry, "name", where), location, text(entry, "ref", where),
                    text(entry, "team", where)));
        }
        return unique(repos);
    }

    /** Checks that names are unique: findings, trends and merges key on them. */
    public static List<AuditRepo> unique(List<AuditRepo> repos) {
        Set<String> names = new HashSet<>();
        for (AuditRepo r : repos) {
            if (!names.add(r.name())) {
                throw new IllegalArgumentException("two repos are named '" + r.name()
                        + "': give each a distinct name in the repos file");
            }
        }
        return List.copyOf(repos);
    }

    private static String text(JsonNode entry, String key, String where) {
        JsonNode value = entry.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw new IllegalArgumentException(where + ": '" + key + "' must be a string");
        }
        String s = value.asText().strip();
        return s.isEmpty() ? null : s;
    }
}
