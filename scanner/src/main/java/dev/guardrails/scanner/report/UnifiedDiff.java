package dev.guardrails.scanner.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/** Unified diffs as git prints them (JGit's histogram diff, 3 lines of context). */
public final class UnifiedDiff {

    private UnifiedDiff() {
    }

    /** The diff of one file with its {@code ---}/{@code +++} header ({@code /dev/null} for a new file). */
    public static String of(String file, String before, String after) {
        String header = (before.isEmpty() ? "--- /dev/null\n" : "--- a/" + file + "\n") + "+++ b/" + file + "\n";
        return header + hunks(before, after);
    }

    /** Only the {@code @@} hunks of two texts. */
    public static String hunks(String before, String after) {
        RawText a = new RawText(before.getBytes(StandardCharsets.UTF_8));
        RawText b = new RawText(after.getBytes(StandardCharsets.UTF_8));
        EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                .diff(RawTextComparator.DEFAULT, a, b);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter formatter = new DiffFormatter(out)) {
            formatter.setContext(3);
            formatter.format(edits, a, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
