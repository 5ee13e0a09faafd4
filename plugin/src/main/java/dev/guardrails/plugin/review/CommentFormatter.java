package dev.guardrails.plugin.review;

import static dev.guardrails.scanner.report.MarkdownText.cell;
import static dev.guardrails.scanner.report.MarkdownText.clean;
import static dev.guardrails.scanner.report.MarkdownText.code;
import static dev.guardrails.scanner.report.MarkdownText.fenced;
import static dev.guardrails.scanner.report.MarkdownText.html;

import dev.guardrails.plugin.forge.GitHubClient;
import dev.guardrails.plugin.forge.Publication;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.report.MarkdownText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link ChangeReport} into what a PR shows: the sticky comment (about the change: new and
 * fixed findings, not the repo's whole backlog), the check's verdict and its annotations.
 *
 * <p>The comment starts with the hidden marker, then a one-line verdict, a table per affected app,
 * and per app a collapsed {@code <details>} block with the new and fixed findings and each rule's
 * remediation once. The body stays under the given bound: details are cut at a row boundary and
 * the rest is summarised in one line. All repo-derived text is escaped for table cells.
 */
final class CommentFormatter {

    /** Comfortably below GitHub's 65,536-character limit. */
    static final int GITHUB_MAX = 65_000;
    private static final int MAX_TABLE_APPS = 100;
    private static final int MAX_ERROR_CHARS = 2_000;
    private static final int NOTE_RESERVE = 200;

    private final int maxChars;
    private final LocalDate today;

    CommentFormatter(int maxChars, LocalDate today) {
        this.maxChars = maxChars;
        this.today = today;
    }

    /**
     * The whole publication. A comment is created only when there is something to say (new or fixed
     * findings, an invalid policy); an existing sticky comment is always updated, so a PR whose
     * findings were fixed ends with "no new findings" rather than a stale list.
     */
    Publication publication(ChangeReport report, Path headRoot) {
        String comment = comment(report);
        Publication.Verdict verdict = report.blocking() ? Publication.Verdict.FAILURE
                : report.newWarnings() > 0 ? Publication.Verdict.NEUTRAL : Publication.Verdict.SUCCESS;
        String summary = comment.substring(GitHubClient.MARKER.length()).strip();
        return new Publication(comment, report.noteworthy(), verdict, title(report), summary,
                annotations(report, headRoot));
    }

    static String title(ChangeReport r) {
        if (r.policyError() != null) {
            return ".guardrails.yaml is invalid";
        }
        if (!r.noteworthy()) {
            return "No new guardrail findings";
        }
        return r.newBlocking() + " new blocking, " + plural(r.newWarnings(), "new warning") + ", " + r.fixed() + " fixed";
    }

    /** New findings at their source file and line; findings without a file in the head (render failures) are left out. */
    static List<Publication.Annotation> annotations(ChangeReport report, Path headRoot) {
        List<Publication.Annotation> out = new ArrayList<>();
        for (ChangeReport.AppChange app : report.apps()) {
            for (Finding f : app.added()) {
                String file = f.location().file();
                if (file.isEmpty() || headRoot == null || !isFileIn(headRoot, file)) {
                    continue;
                }
                String message = clean(f.message()) + (f.remediation() == null || f.remediation().isBlank() ? ""
                        : "\n\nFix: " + clean(f.remediation()));
                out.add(new Publication.Annotation(file, Math.max(1, f.location().line()),
                        f.blocking() ? Publication.Level.FAILURE : Publication.Level.WARNING,
                        f.ruleId() + ": " + clean(f.object().toString()), message));
            }
        }
        return out;
    }

    private static boolean isFileIn(Path root, String file) {
        Path abs = root.toAbsolutePath().normalize();
        Path p = abs.resolve(file).normalize();
        return p.startsWith(abs) && Files.isRegularFile(p);
    }

    String comment(ChangeReport r) {
        StringBuilder head = new StringBuilder(GitHubClient.MARKER).append('\n');
        if (r.policyError() != null) {
            head.append("### Guardrails: `.guardrails.yaml` is invalid\n\n")
                    .append("The policy file on this branch cannot be loaded, so nothing was checked:\n\n")
                    .append(fenced("", truncate(r.policyError(), MAX_ERROR_CHARS))).append('\n');
            return head.toString();
        }
        if (!r.noteworthy()) {
            head.append("### Guardrails: no new guardrail findings\n\n");
            head.append(scope(r)).append('\n');
            return head.toString();
        }
        head.append("### Guardrails: ").append(r.newBlocking()).append(" new blocking, ")
                .append(plural(r.newWarnings(), "new warning")).append(", ").append(r.fixed()).append(" fixed\n\n");
        head.append(scope(r)).append("\n\n");
        head.append("| App | New blocking | New warnings | Fixed | Objects added / removed / changed |\n");
        head.append("| --- | ---: | ---: | ---: | --- |\n");
        int listed = 0;
        for (ChangeReport.AppChange a : r.apps()) {
            if (listed++ >= MAX_TABLE_APPS) {
                head.append("| … ").append(plural(r.apps().size() - MAX_TABLE_APPS, "more app")).append(" | | | | |\n");
                break;
            }
            String status = !a.inHead() ? " (removed)" : !a.inBase() ? " (new)" : a.headError() != null ? " (render failed)" : "";
            head.append("| ").append(cell(a.name())).append(status).append(" | ").append(a.newBlocking())
                    .append(" | ").append(a.newWarnings()).append(" | ").append(a.fixed().size()).append(" | +")
                    .append(a.objectsAdded()).append(" / −").append(a.objectsRemoved()).append(" / ~")
                    .append(a.objectsChanged()).append(" |\n");
        }
        head.append('\n');
        String tail = howToExempt(r);
        int budget = maxChars - head.length() - tail.length() - NOTE_RESERVE;

        StringBuilder body = new StringBuilder();
        int hiddenNew = 0;
        int hiddenFixed = 0;
        boolean full = false;
        for (ChangeReport.AppChange a : r.apps()) {
            if (a.added().isEmpty() && a.fixed().isEmpty() && a.headError() == null) {
                continue;
            }
            if (full) {
                hiddenNew += a.added().size();
                hiddenFixed += a.fixed().size();
                continue;
            }
            int[] shown = appendApp(body, a, budget - body.length());
            hiddenNew += a.added().size() - shown[0];
            hiddenFixed += a.fixed().size() - shown[1];
            full = shown[0] < a.added().size() || shown[1] < a.fixed().size();
        }
        StringBuilder b = new StringBuilder(head).append(body);
        if (hiddenNew + hiddenFixed > 0) {
            b.append("… ").append(plural(hiddenNew, "more new finding")).append(" and ").append(hiddenFixed)
                    .append(" more fixed not shown (the comment is limited in size; run `guardrails scan` on the branch "
                            + "for the full list).\n\n");
        }
        b.append(tail);
        return b.toString();
    }

    private static String scope(ChangeReport r) {
        return "Head " + code(shortSha(r.headSha())) + " compared with " + code(r.baseRef() == null ? "base" : r.baseRef())
                + " at " + code(shortSha(r.baseSha())) + ": " + plural(r.changedFiles(), "file") + " changed, "
                + r.apps().size() + " of " + plural(r.totalApps(), "app") + " affected"
                + (r.unchanged() > 0 ? "; " + plural(r.unchanged(), "existing finding") + " unchanged (not shown)" : "")
                + ".";
    }

    /** @return rows shown: {new, fixed} */
    private static int[] appendApp(StringBuilder b, ChangeReport.AppChange a, int room) {
        StringBuilder open = new StringBuilder("<details><summary>").append(html(a.name())).append(": ")
                .append(plural(a.added().size(), "new finding")).append(", ").append(a.fixed().size())
                .append(" fixed</summary>\n\n");
        if (a.headError() != null) {
            open.append("**Render failed on the head:**\n\n").append(fenced("", truncate(a.headError().strip(),
                    MAX_ERROR_CHARS))).append("\n\n");
        }
        String newHead = "**New**\n\n| Rule | Object | Location | Message |\n| --- | --- | --- | --- |\n";
        String fixedHead = "**Fixed**\n\n| Rule | Object | Location |\n| --- | --- | --- |\n";
        String close = "</details>\n\n";
        int used = open.length() + close.length() + newHead.length() + fixedHead.length() + 40;
        if (used > room) {
            return new int[] {0, 0};
        }
        List<String> newRows = new ArrayList<>();
        Map<String, String> fixes = new LinkedHashMap<>();
        for (Finding f : a.added()) {
            String row = "| " + rule(f) + " | " + cell(objectLabel(f)) + " | " + cell(location(f)) + " | "
                    + cell(f.message()) + " |\n";
            String fix = fixes.containsKey(f.ruleId()) || f.remediation() == null || f.remediation().isBlank()
                    ? "" : "- " + code(f.ruleId()) + ": " + cell(f.remediation()) + "\n";
            if (used + row.length() + fix.length() > room) {
                break;
            }
            used += row.length() + fix.length();
            newRows.add(row);
            if (!fix.isEmpty()) {
                fixes.put(f.ruleId(), fix);
            }
        }
        List<String> fixedRows = new ArrayList<>();
        if (newRows.size() == a.added().size()) {
            for (Finding f : a.fixed()) {
                String row = "| " + code(f.ruleId()) + " | " + cell(objectLabel(f)) + " | " + cell(location(f)) + " |\n";
                if (used + row.length() > room) {
                    break;
                }
                used += row.length();
                fixedRows.add(row);
            }
        }
        if (newRows.isEmpty() && fixedRows.isEmpty() && a.headError() == null) {
            return new int[] {0, 0};
        }
        b.append(open);
        if (!newRows.isEmpty()) {
            b.append(newHead);
            newRows.forEach(b::append);
            b.append('\n');
        }
        if (!fixedRows.isEmpty()) {
            b.append(fixedHead);
            fixedRows.forEach(b::append);
            b.append('\n');
        }
        if (!fixes.isEmpty()) {
            b.append("**How to fix**\n\n");
            fixes.values().forEach(b::append);
            b.append('\n');
        }
        b.append(close);
        return new int[] {newRows.size(), fixedRows.size()};
    }

    private String howToExempt(ChangeReport r) {
        Finding example = null;
        for (ChangeReport.AppChange a : r.apps()) {
            for (Finding f : a.added()) {
                if (example == null || example.category() == Category.PLATFORM && f.category() != Category.PLATFORM) {
                    example = f;
                }
            }
        }
        if (example == null) {
            return "";
        }
        return MarkdownText.exemptionHint(example, today.plusDays(90));
    }

    private static String rule(Finding f) {
        return code(f.ruleId()) + " (" + (f.blocking() ? "blocking" : f.mode().id())
                + (f.severity() == null ? "" : ", " + f.severity().id()) + ")";
    }

    private static String objectLabel(Finding f) {
        return f.object().kind().isEmpty() && f.object().name().isEmpty() ? "(app)" : f.object().toString();
    }

    private static String location(Finding f) {
        String location = f.location().toString();
        if (!f.path().isEmpty()) {
            location = location.isEmpty() ? f.path() : location + "\n" + f.path();
        }
        return location;
    }

    private static String shortSha(String sha) {
        return sha == null ? "?" : sha.length() > 12 ? sha.substring(0, 12) : sha;
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }

}
