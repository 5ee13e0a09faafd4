package dev.guardrails.scanner.fix;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the fixes of a run into line replacements next to the lines a reviewer comments on.
 *
 * <p>A suggestion replaces whole lines, and a review tool shows and applies it for the commented
 * line range only. So the findings of one comment (same file and line) get one suggestion: their
 * verified source changes applied to the file as it was before the run, reduced to the changed
 * lines (common first and last lines dropped) and widened to take in the commented line. No
 * suggestion is made when a fix writes another file (a values file for a template line, an
 * overlay patch, a new file), or when the range would exceed {@link #MAX_LINES}: such a fix is
 * better applied with {@code guardrails fix}. Secrets never get one, so no line of a Secret
 * manifest is copied into a comment.
 */
public final class Suggestions {

    /** Replaced lines per suggestion: beyond this a suggestion is a rewrite nobody reviews. */
    public static final int MAX_LINES = 40;

    private final SourceFiles before;
    private final Map<String, FixOutcome> fixed = new HashMap<>();
    private final Map<String, String> texts = new HashMap<>();

    /**
     * @param report the fix run
     * @param before the files as they were before the run (the run itself worked on a copy)
     */
    public Suggestions(FixReport report, SourceFiles before) {
        this.before = before;
        for (FixOutcome o : report.outcomes()) {
            if (o.status() == FixOutcome.Status.FIXED && !o.changes().isEmpty()) {
                fixed.put(o.finding().fingerprint(), o);
            }
        }
    }

    /** The fix run's outcome for a finding, if the run fixed it. */
    public Optional<FixOutcome> fixed(String fingerprint) {
        return Optional.ofNullable(fixed.get(fingerprint));
    }

    /** Whether the run fixed a finding by changing {@code file} alone (so a suggestion there can hold it). */
    public boolean writtenIn(String fingerprint, String file) {
        FixOutcome o = fixed.get(fingerprint);
        return o != null && !"Secret".equals(o.finding().object().kind())
                && o.changes().stream().allMatch(c -> c.file().equals(file));
    }

    /** A line of a repo file. */
    public record SourceLine(String file, int line) {
    }

    /**
     * Where the finding's fix starts, when it changes one existing file alone: the line the author
     * edits (a Helm values key, an overlay's patch), found by the fix rather than by reading templates.
     */
    public Optional<SourceLine> fixLine(String fingerprint) {
        FixOutcome o = fixed.get(fingerprint);
        if (o == null || "Secret".equals(o.finding().object().kind())) {
            return Optional.empty();
        }
        String file = o.changes().get(0).file();
        if (!writtenIn(fingerprint, file)) {
            return Optional.empty();
        }
        String old = text(file);
        Optional<String> now = applied(old, new LinkedHashSet<>(o.changes()));
        if (now.isEmpty()) {
            return Optional.empty();
        }
        List<String> a = lines(old);
        List<String> b = lines(now.get());
        return a.equals(b) ? Optional.empty()
                : Optional.of(new SourceLine(file, Math.min(commonPrefix(a, b) + 1, a.size())));
    }

    /**
     * One suggestion for the findings commented on at {@code file:line}: the fixes of those of them
     * that were fixed in this file alone, or empty.
     */
    public Optional<LineSuggestion> at(List<String> fingerprints, String file, int line) {
        // A set: findings cleared by one edit share its changes.
        Set<SourceChange> changes = new LinkedHashSet<>();
        List<String> held = new ArrayList<>();
        for (String fp : fingerprints) {
            if (writtenIn(fp, file)) {
                changes.addAll(fixed.get(fp).changes());
                held.add(fp);
            }
        }
        if (changes.isEmpty() || line < 1) {
            return Optional.empty();
        }
        String old = text(file);
        return applied(old, changes).flatMap(now -> between(file, old, now, line, MAX_LINES))
                .map(s -> new LineSuggestion(file, s.startLine(), s.endLine(), s.text(), held));
    }

    /**
     * The file's text before the run with the changes applied in order; empty when the file is not
     * in the head or the changes cannot be stacked on the original text (left to `guardrails fix`).
     */
    private static Optional<String> applied(String old, Set<SourceChange> changes) {
        if (old == null || old.isEmpty()) {
            return Optional.empty();
        }
        String now = old;
        try {
            for (SourceChange c : changes) {
                now = c.apply(now);
            }
        } catch (FixException e) {
            return Optional.empty();
        }
        return Optional.of(now);
    }

    private static int commonPrefix(List<String> a, List<String> b) {
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        return prefix;
    }

    /**
     * The smallest whole-line replacement that turns {@code old} into {@code now} and covers line
     * {@code line} of {@code old}; empty when nothing changed, the line is not in the file, or more
     * than {@code maxLines} lines would be replaced.
     */
    static Optional<LineSuggestion> between(String file, String old, String now, int line, int maxLines) {
        List<String> a = lines(old);
        List<String> b = lines(now);
        // CRLF files: a suggestion's line endings are the forge's, so it would rewrite every line.
        if (a.equals(b) || line > a.size() || old.indexOf('\r') >= 0 || now.indexOf('\r') >= 0) {
            return Optional.empty();
        }
        int prefix = commonPrefix(a, b);
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        // Changed old lines are prefix+1 .. a.size()-suffix (empty for a pure insertion).
        int start = Math.min(prefix + 1, line);
        int end = Math.max(a.size() - suffix, line);
        if (end - start + 1 > maxLines) {
            return Optional.empty();
        }
        List<String> replacement = b.subList(start - 1, b.size() - (a.size() - end));
        return Optional.of(new LineSuggestion(file, start, end, String.join("\n", replacement), List.of()));
    }

    /** Lines without their terminators; a final newline does not make an extra empty line. */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private String text(String file) {
        return texts.computeIfAbsent(file, f -> {
            try {
                return before.read(f);
            } catch (FixException e) {
                return null;
            }
        });
    }
}
