package dev.guardrails.plugin.forge;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lines of the new file that a unified diff adds: the only lines the bot comments on. Both forges
 * hand out per-file hunks ({@code @@ -a,b +c,d @@} then lines starting with space, {@code +},
 * {@code -} or {@code \}); GitHub's {@code patch} and GitLab's {@code diff} fields have this shape.
 */
public final class DiffLines {

    private static final Pattern HUNK = Pattern.compile("^@@ -\\d+(?:,\\d+)? \\+(\\d+)(?:,(\\d+))? @@");

    private DiffLines() {
    }

    /** 1-based new-side line numbers of added lines; empty for a binary or missing patch. */
    public static Set<Integer> added(String patch) {
        Set<Integer> out = new TreeSet<>();
        if (patch == null || patch.isEmpty()) {
            return out;
        }
        int line = -1;
        for (String l : patch.split("\n", -1)) {
            Matcher m = HUNK.matcher(l);
            if (m.find()) {
                line = Integer.parseInt(m.group(1));
                continue;
            }
            if (line < 0 || l.startsWith("\\")) {
                continue;
            }
            if (l.startsWith("+")) {
                out.add(line);
                line++;
            } else if (l.startsWith(" ") || l.isEmpty()) {
                line++;
            }
            // "-" lines exist only on the old side.
        }
        return out;
    }

    /** The new-side lines {@code start..end} (inclusive) one hunk shows: added and context lines. */
    public record Hunk(int start, int end) {

        public boolean contains(int from, int to) {
            return start <= from && to <= end;
        }
    }

    /** The hunks of a patch, by their headers; empty for a binary or missing patch. */
    public static List<Hunk> hunks(String patch) {
        List<Hunk> out = new ArrayList<>();
        if (patch == null || patch.isEmpty()) {
            return out;
        }
        for (String l : patch.split("\n", -1)) {
            Matcher m = HUNK.matcher(l);
            if (m.find()) {
                int start = Integer.parseInt(m.group(1));
                int length = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
                if (length > 0) {
                    out.add(new Hunk(start, start + length - 1));
                }
            }
        }
        return out;
    }
}
