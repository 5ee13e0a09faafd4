package dev.guardrails.plugin.review;

import static dev.guardrails.scanner.report.MarkdownText.cell;
import static dev.guardrails.scanner.report.MarkdownText.clean;
import static dev.guardrails.scanner.report.MarkdownText.code;
import static dev.guardrails.scanner.report.MarkdownText.fenced;
import static dev.guardrails.scanner.report.MarkdownText.html;

import dev.guardrails.plugin.forge.GitHubClient;
import dev.guardrails.plugin.forge.Publication;
import dev.guardrails.scanner.fix.LineSuggestion;
import dev.guardrails.scanner.fix.Suggestions;
import dev.guardrails.scanner.model.Exemption;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.ScanReport;
import dev.guardrails.scanner.model.SkippedApp;
import dev.guardrails.scanner.report.MarkdownText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns a {@link ChangeReport} into what a PR shows: the sticky comment (about the change: new,
 * fixed and newly exempted findings, not the repo's whole backlog), the check's verdict, its
 * annotations and the inline comments.
 *
 * <p>The comment starts with the hidden marker, then a one-line verdict, what was covered at the
 * head, a table per affected app (and per-rule totals when there are many rows), and per app a
 * {@code <details>} block (expanded when it has a new blocking finding) with new findings (blocking
 * first, then by severity), newly exempted findings (rule, object, owner, reason, expiry), fixed
 * findings and each rule's remediation once. Then, per app, the rendered-manifest diff in a collapsed
 * block, and how to exempt a (blocking) finding. Locations link to the file at the head commit and
 * rule ids to their docs. The body stays under the given bound: details are cut at a row boundary
 * and the rest summarised in one line; diffs are capped per app and in total. All repo-derived text
 * is escaped.
 */
final class CommentFormatter {

    /** Comfortably below GitHub's 65,536-character limit. */
    static final int GITHUB_MAX = 65_000;
    /** New findings above which a per-rule totals table is shown. */
    static final int MANY_ROWS = 10;
    private static final int MAX_TABLE_APPS = 100;
    private static final int MAX_ERROR_CHARS = 2_000;
    private static final int NOTE_RESERVE = 200;
    private static final int MAX_SKIPPED_LINES = 20;
    /** Blocking first, then by severity (critical first), then the report's stable order. */
    static final Comparator<Finding> PRIORITY = Comparator.comparing((Finding f) -> !f.blocking())
            .thenComparing(f -> f.severity() == null ? 0 : -f.severity().ordinal() - 1)
            .thenComparing(ScanReport.ORDER);

    private final int maxChars;
    private final LocalDate today;
    private final CommentSettings settings;
    private final RepoLinks links;

    CommentFormatter(int maxChars, LocalDate today) {
        this(maxChars, today, CommentSettings.defaults(), null);
    }

    CommentFormatter(int maxChars, LocalDate today, CommentSettings settings, RepoLinks links) {
        this.maxChars = maxChars;
        this.today = today;
        this.settings = settings == null ? CommentSettings.defaults() : settings;
        this.links = links;
    }

    /**
     * The whole publication. A comment is created only when there is something to say (new, fixed
     * or newly exempted findings, an invalid policy); an existing sticky comment is always updated,
     * so a PR whose findings were fixed ends with "no new findings" rather than a stale list.
     */
    Publication publication(ChangeReport report, Path headRoot) {
        return publication(report, headRoot, null);
    }

    /** @param fixes verified fixes of the head's new findings for suggested changes, or null for none */
    Publication publication(ChangeReport report, Path headRoot, Suggestions fixes) {
        String comment = withAutoFixLine(comment(report), report, fixes);
        Publication.Verdict verdict = report.blocking() ? Publication.Verdict.FAILURE
                : report.newWarnings() > 0 ? Publication.Verdict.NEUTRAL : Publication.Verdict.SUCCESS;
        String summary = comment.substring(GitHubClient.MARKER.length()).strip();
        return new Publication(comment, report.noteworthy(), verdict, title(report), summary,
                annotations(report, headRoot), inline(report, headRoot, fixes));
    }

    /**
     * What a review that could not be completed publishes: an error verdict (a failed check or
     * status) and the sticky comment replaced by the reason and how to re-run.
     */
    static Publication failure(ReviewRequest request, String reason, boolean checkRuns) {
        String rerun = "comment `/guardrails rescan` on this " + (request.forge() == Forge.GITLAB ? "merge request"
                : "pull request") + (checkRuns ? ", or press **Re-run** on the `guardrails` check" : "")
                + ". A new push is reviewed as well.";
        String comment = GitHubClient.MARKER + "\n### Guardrails: review failed\n\n"
                + "The review of head " + code(shortSha(request.headSha())) + " could not be completed, so nothing was "
                + "checked and the check stays failed until a review succeeds:\n\n"
                + fenced("", reason) + "\n\n"
                + "**To re-run**: fix the cause if it is on your side (a deleted branch or fork, revoked access), then "
                + rerun + "\n";
        String firstLine = reason.lines().findFirst().orElse("unknown error");
        return new Publication(comment, true, Publication.Verdict.ERROR, "Review failed: " + clean(firstLine),
                comment.substring(GitHubClient.MARKER.length()).strip(), List.of(), List.of());
    }

    /**
     * One line after the app table saying how many new findings have a verified fix, so the author
     * knows the inline suggestions (or {@code guardrails fix}) clear them without reading each one.
     */
    private static String withAutoFixLine(String comment, ChangeReport report, Suggestions fixes) {
        if (fixes == null) {
            return comment;
        }
        long fixable = report.apps().stream().flatMap(a -> a.added().stream())
                .filter(f -> fixes.fixed(f.fingerprint()).isPresent()).count();
        int at = comment.indexOf("\n\n", comment.indexOf("| App | New blocking"));
        if (fixable == 0 || at < 0) {
            return comment;
        }
        String line = "\n\n**Auto-fix:** " + plural(fixable, "new finding") + " " + (fixable == 1 ? "has" : "have")
                + " a fix that passed the re-render check: apply the suggested changes inline, or run `guardrails fix`"
                + " on the branch.";
        return comment.substring(0, at) + line + comment.substring(at);
    }

    static String title(ChangeReport r) {
        if (r.policyError() != null) {
            return ".guardrails.yaml is invalid";
        }
        if (!r.noteworthy()) {
            return "No new guardrail findings";
        }
        return r.newBlocking() + " new blocking, " + plural(r.newWarnings(), "new warning") + ", " + r.fixed() + " fixed"
                + (r.newlyExempted() > 0 ? ", " + r.newlyExempted() + " newly exempted" : "");
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
                out.add(new Publication.Annotation(file, Math.max(1, f.location().line()),
                        f.blocking() ? Publication.Level.FAILURE : Publication.Level.WARNING,
                        f.ruleId() + ": " + clean(f.object().toString()), message(f)));
            }
        }
        return out;
    }

    /**
     * Inline comments for new findings with a file and line in the head, blocking first, capped:
     * one comment per line, about every new finding there, with their fixes as one suggested change
     * when {@code fixes} has them. A finding is offered first where the author edits: a Helm finding's
     * values line, else the line in another file its verified fix changes; then at its own line. The
     * forge client keeps comments on lines the change adds and drops findings it posted before.
     */
    List<Publication.InlineComment> inline(ChangeReport report, Path headRoot, Suggestions fixes) {
        List<Spot> spots = spots(report, headRoot, fixes);
        Map<Spot, LineSuggestion> suggested = new HashMap<>();
        Map<Spot, Spot> mergedInto = new HashMap<>();
        if (fixes != null) {
            suggest(spots, fixes, suggested, mergedInto);
        }
        Map<String, HelmLines.ValueSource> values = values(report);
        List<Publication.InlineComment> out = new ArrayList<>();
        for (Spot spot : spots) {
            out.add(comment(spot, values, fixes, suggested.get(spot), mergedInto.get(spot)));
        }
        return out;
    }

    /**
     * The new findings inline comments would be about, so a review runs fixes for those only (the
     * comment cap bounds the cost of suggestions, however many findings a change brings).
     */
    Set<String> inlineFingerprints(ChangeReport report, Path headRoot) {
        Set<String> out = new LinkedHashSet<>();
        spots(report, headRoot, null).forEach(s -> out.addAll(s.fingerprints()));
        return out;
    }

    private static Map<String, HelmLines.ValueSource> values(ChangeReport report) {
        Map<String, HelmLines.ValueSource> values = new LinkedHashMap<>();
        report.apps().forEach(a -> values.putAll(a.valueSources()));
        return values;
    }

    /** Findings grouped by the file line they are shown at, in priority order, capped. */
    private List<Spot> spots(ChangeReport report, Path headRoot, Suggestions fixes) {
        List<Finding> all = new ArrayList<>();
        report.apps().forEach(a -> all.addAll(a.added()));
        all.sort(PRIORITY);
        Map<String, HelmLines.ValueSource> values = values(report);
        Map<String, Spot> byLine = new LinkedHashMap<>();
        for (Finding f : all) {
            if (headRoot == null) {
                break;
            }
            HelmLines.ValueSource v = values.get(f.fingerprint());
            String file = f.location().file();
            Spot preferred = null;
            if (v != null && isFileIn(headRoot, v.file())) {
                preferred = place(byLine, v.file(), v.line(), null, f);
            } else if (fixes != null) {
                // The line its verified fix edits elsewhere (a values key read through toYaml, an overlay's patch).
                var at = fixes.fixLine(f.fingerprint()).filter(l -> !l.file().equals(file) && isFileIn(headRoot, l.file()));
                if (at.isPresent()) {
                    preferred = place(byLine, at.get().file(), at.get().line(), null, f);
                }
            }
            if (!file.isEmpty() && f.location().line() > 0 && isFileIn(headRoot, file)) {
                place(byLine, file, f.location().line(), preferred, f);
            }
        }
        List<Spot> spots = new ArrayList<>();
        Set<Spot> kept = new HashSet<>();
        for (Spot spot : byLine.values()) {
            if (spot.fallbackOf() == null ? kept.size() < settings.maxInline() : kept.contains(spot.fallbackOf())) {
                spots.add(spot);
                if (spot.fallbackOf() == null) {
                    kept.add(spot);
                }
            }
        }
        return spots;
    }

    /**
     * Adds a finding to the spot at file:line. A finding shown first elsewhere (its values line)
     * goes to a fallback spot of its own there, one per preferred spot: the forge posts it only when
     * the preferred comment could not be placed, so a finding is never commented twice.
     */
    private static Spot place(Map<String, Spot> byLine, String file, int line, Spot fallbackOf, Finding f) {
        String key = file + ":" + line + (fallbackOf == null ? "" : " if not " + fallbackOf.file() + ":" + fallbackOf.line());
        Spot spot = byLine.computeIfAbsent(key, k -> new Spot(file, line, new ArrayList<>(), fallbackOf));
        spot.findings().add(f);
        return spot;
    }

    /**
     * The new findings one inline comment is about: those at one line of one file, or those whose
     * preferred comment is {@code fallbackOf} (shown here only if that one cannot be placed).
     * Identity-based, as its findings list grows while spots are collected.
     */
    private static final class Spot {

        private final String file;
        private final int line;
        private final List<Finding> findings;
        private final Spot fallbackOf;

        Spot(String file, int line, List<Finding> findings, Spot fallbackOf) {
            this.file = file;
            this.line = line;
            this.findings = findings;
            this.fallbackOf = fallbackOf;
        }

        String file() {
            return file;
        }

        int line() {
            return line;
        }

        List<Finding> findings() {
            return findings;
        }

        Spot fallbackOf() {
            return fallbackOf;
        }

        List<String> fingerprints() {
            return findings.stream().map(Finding::fingerprint).toList();
        }
    }

    /**
     * One suggested change per spot, in priority order. Suggestions in one file whose line ranges
     * meet are merged into the first spot's (the forge would turn the second stale once the first
     * is applied); the later spot then points at it.
     */
    private static void suggest(List<Spot> spots, Suggestions fixes, Map<Spot, LineSuggestion> suggested,
                                Map<Spot, Spot> mergedInto) {
        for (Spot spot : spots) {
            if (mergedInto.containsKey(spot)) {
                continue;
            }
            List<String> fingerprints = new ArrayList<>(spot.fingerprints());
            LineSuggestion s = fixes.at(fingerprints, spot.file(), spot.line()).orElse(null);
            if (s == null) {
                continue;
            }
            for (boolean grew = true; grew; ) {
                grew = false;
                for (Spot other : spots) {
                    if (other == spot || !other.file().equals(spot.file()) || mergedInto.containsKey(other)
                            || suggested.containsKey(other)) {
                        continue;
                    }
                    LineSuggestion o = fixes.at(other.fingerprints(), other.file(), other.line()).orElse(null);
                    if (o == null || o.startLine() > s.endLine() + 1 || s.startLine() > o.endLine() + 1) {
                        continue;
                    }
                    List<String> both = new ArrayList<>(fingerprints);
                    both.addAll(other.fingerprints());
                    LineSuggestion merged = fixes.at(both, spot.file(), spot.line()).orElse(null);
                    if (merged != null) {
                        fingerprints = both;
                        s = merged;
                        mergedInto.put(other, spot);
                        grew = true;
                    }
                }
            }
            suggested.put(spot, s);
        }
    }

    private Publication.InlineComment comment(Spot spot, Map<String, HelmLines.ValueSource> values, Suggestions fixes,
                                              LineSuggestion suggested, Spot mergedInto) {
        String file = spot.file();
        List<Finding> here = spot.findings();
        StringBuilder body = new StringBuilder();
        Map<String, String> remedies = new LinkedHashMap<>();
        if (here.size() == 1) {
            Finding f = here.get(0);
            body.append("**Guardrails** ").append(rule(f)).append(" on ").append(code(objectLabel(f))).append(": ")
                    .append(cell(f.message())).append(setBy(f, file, values));
        } else {
            body.append("**Guardrails**: ").append(here.size()).append(" new findings on this line\n");
            for (Finding f : here) {
                body.append("\n- ").append(rule(f)).append(" on ").append(code(objectLabel(f))).append(": ")
                        .append(cell(f.message())).append(setBy(f, file, values));
            }
        }
        here.forEach(f -> {
            if (f.remediation() != null && !f.remediation().isBlank()) {
                remedies.putIfAbsent(f.ruleId(), f.remediation());
            }
        });
        if (remedies.size() == 1) {
            body.append("\n\n**Fix:** ").append(cell(remedies.values().iterator().next()));
        } else if (!remedies.isEmpty()) {
            body.append("\n\n**Fix:**");
            remedies.forEach((rule, text) -> body.append("\n- ").append(code(rule)).append(": ").append(cell(text)));
        }
        List<String> keys = here.stream().map(CommentFormatter::key).toList();
        Publication.Suggestion suggestion = null;
        if (suggested != null) {
            suggestion = suggestion(file, suggested, fixes);
        } else if (mergedInto != null) {
            body.append("\n\nThe suggested change on line ").append(mergedInto.line()).append(" fixes this as well.");
        } else if (fixes != null) {
            String elsewhere = fixedElsewhere(here, fixes);
            if (!elsewhere.isEmpty()) {
                body.append("\n\n").append(elsewhere);
            }
        }
        return new Publication.InlineComment(file, spot.line(), keys, body.toString(), suggestion);
    }

    /** " (set by `key`; rendered from file:line)" on a Helm finding's values line. */
    private static String setBy(Finding f, String file, Map<String, HelmLines.ValueSource> values) {
        HelmLines.ValueSource v = values.get(f.fingerprint());
        return v == null || !v.file().equals(file) ? ""
                : " (set by " + code(v.key()) + "; rendered from " + cell(f.location().toString()) + ")";
    }

    /** A verified change of lines as the forge-neutral suggestion, with what it clears. */
    private static Publication.Suggestion suggestion(String file, LineSuggestion s, Suggestions fixes) {
        List<String> rules = s.fingerprints().stream().map(fp -> fixes.fixed(fp).orElseThrow().finding().ruleId())
                .distinct().toList();
        String intro = "**Suggested change**, checked like `guardrails fix` does: with it the re-rendered app no longer "
                + "reports " + rules.stream().map(MarkdownText::code).collect(Collectors.joining(", ")) + " and reports nothing new.";
        String fallback = fixCommand(rules) + " writes this fix into " + code(file) + ".";
        return new Publication.Suggestion(s.startLine(), s.endLine(), s.text(), intro, fallback);
    }

    /** How to apply fixes `guardrails fix` verified but that are not a change of this line (another file, a patch). */
    private static String fixedElsewhere(List<Finding> here, Suggestions fixes) {
        Map<String, String> where = new LinkedHashMap<>();
        for (Finding f : here) {
            fixes.fixed(f.fingerprint()).ifPresent(o -> where.putIfAbsent(f.ruleId(), o.detail()));
        }
        if (where.isEmpty()) {
            return "";
        }
        return fixCommand(where.keySet()) + " fixes this (checked by re-rendering): " + where.values().stream().distinct()
                .map(MarkdownText::cell).collect(Collectors.joining("; ")) + ".";
    }

    /** {@code `guardrails fix --rule a --rule b`} as inline code. */
    private static String fixCommand(java.util.Collection<String> rules) {
        return "`guardrails fix " + rules.stream().map(r -> "--rule " + r).collect(Collectors.joining(" ")) + "`";
    }

    /** Stable per finding and PR-independent; a hash, so no repo text ends up inside an HTML comment. */
    static String key(Finding f) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(f.fingerprint().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String message(Finding f) {
        return clean(f.message()) + (f.remediation() == null || f.remediation().isBlank() ? ""
                : "\n\nFix: " + clean(f.remediation()));
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
            head.append(scope(r)).append("\n\n").append(coverage(r));
            String diffs = diffs(r, maxChars - head.length() - NOTE_RESERVE);
            return head.append(diffs).toString();
        }
        head.append("### Guardrails: ").append(title(r)).append("\n\n");
        head.append(scope(r)).append("\n\n").append(coverage(r));
        head.append("| App | New blocking | New warnings | Fixed | Newly exempted | Objects added / removed / changed |\n");
        head.append("| --- | ---: | ---: | ---: | ---: | --- |\n");
        List<ChangeReport.AppChange> apps = new ArrayList<>(r.apps());
        apps.sort(Comparator.comparing((ChangeReport.AppChange a) -> a.newBlocking() == 0)
                .thenComparing(ChangeReport.AppChange::name));
        int listed = 0;
        for (ChangeReport.AppChange a : apps) {
            if (listed++ >= MAX_TABLE_APPS) {
                head.append("| … ").append(plural(r.apps().size() - MAX_TABLE_APPS, "more app")).append(" | | | | | |\n");
                break;
            }
            String status = !a.inHead() ? " (removed)" : !a.inBase() ? " (new)" : a.headError() != null ? " (render failed)" : "";
            head.append("| ").append(cell(a.name())).append(status).append(" | ").append(a.newBlocking())
                    .append(" | ").append(a.newWarnings()).append(" | ").append(a.fixed().size()).append(" | ")
                    .append(a.exempted().size()).append(" | +")
                    .append(a.objectsAdded()).append(" / −").append(a.objectsRemoved()).append(" / ~")
                    .append(a.objectsChanged()).append(" |\n");
        }
        head.append('\n');
        head.append(ruleTotals(r));
        String tail = howToExempt(r);
        int budget = maxChars - head.length() - tail.length() - NOTE_RESERVE;

        StringBuilder body = new StringBuilder();
        int hiddenNew = 0;
        int hiddenFixed = 0;
        boolean full = false;
        for (ChangeReport.AppChange a : apps) {
            int rows = a.added().size() + a.fixed().size() + a.exempted().size();
            if (rows == 0 && a.headError() == null) {
                continue;
            }
            if (full) {
                hiddenNew += a.added().size();
                hiddenFixed += a.fixed().size() + a.exempted().size();
                continue;
            }
            int[] shown = appendApp(body, a, budget - body.length());
            hiddenNew += a.added().size() - shown[0];
            hiddenFixed += a.fixed().size() + a.exempted().size() - shown[1];
            full = shown[0] + shown[1] < rows;
        }
        StringBuilder b = new StringBuilder(head).append(body);
        if (hiddenNew + hiddenFixed > 0) {
            b.append("… ").append(plural(hiddenNew, "more new finding")).append(" and ").append(hiddenFixed)
                    .append(" more fixed or exempted not shown (the comment is limited in size; run `guardrails scan` "
                            + "on the branch for the full list).\n\n");
        }
        b.append(diffs(r, maxChars - b.length() - tail.length() - NOTE_RESERVE));
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

    /**
     * What the head review covered: affected apps rendered (by type), removed, failed, and what app
     * discovery skipped. A failed or skipped app is never passed over silently.
     */
    static String coverage(ChangeReport r) {
        Map<String, Integer> byType = new TreeMap<>();
        int failed = 0;
        int removed = 0;
        for (ChangeReport.AppChange a : r.apps()) {
            if (!a.inHead()) {
                removed++;
            } else if (a.headError() != null) {
                failed++;
            } else {
                byType.merge(a.type() == null || a.type().isBlank() ? "other" : a.type(), 1, Integer::sum);
            }
        }
        int rendered = byType.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder b = new StringBuilder("**Coverage at head:** ").append(plural(rendered, "affected app"))
                .append(" rendered");
        if (!byType.isEmpty()) {
            List<String> parts = new ArrayList<>();
            byType.forEach((t, n) -> parts.add(n + " " + clean(t)));
            b.append(" (").append(String.join(", ", parts)).append(')');
        }
        b.append(", ").append(failed).append(" failed");
        if (removed > 0) {
            b.append(", ").append(removed).append(" removed");
        }
        b.append(", ").append(plural(r.skipped().size(), "source")).append(" skipped");
        if (r.skipped().isEmpty()) {
            return b.append(".\n\n").toString();
        }
        b.append(":\n\n");
        int n = 0;
        for (SkippedApp s : r.skipped()) {
            if (n++ >= MAX_SKIPPED_LINES) {
                b.append("- … ").append(r.skipped().size() - MAX_SKIPPED_LINES).append(" more\n");
                break;
            }
            String line = (s.app().isEmpty() ? "" : s.app() + ": ") + s.message() + " (" + s.reason() + ")";
            b.append("- ").append(cell(truncate(line, 300))).append('\n');
        }
        return b.append('\n').toString();
    }

    /** Per-rule totals, shown when the change has many rows. */
    private String ruleTotals(ChangeReport r) {
        long rows = r.newBlocking() + r.newWarnings() + r.fixed() + r.newlyExempted();
        if (rows <= MANY_ROWS) {
            return "";
        }
        Map<String, long[]> totals = new TreeMap<>();
        for (ChangeReport.AppChange a : r.apps()) {
            a.added().forEach(f -> totals.computeIfAbsent(f.ruleId(), k -> new long[4])[f.blocking() ? 0 : 1]++);
            a.fixed().forEach(f -> totals.computeIfAbsent(f.ruleId(), k -> new long[4])[2]++);
            a.exempted().forEach(f -> totals.computeIfAbsent(f.ruleId(), k -> new long[4])[3]++);
        }
        StringBuilder b = new StringBuilder("<details open><summary>Totals by rule</summary>\n\n")
                .append("| Rule | New blocking | New warnings | Fixed | Newly exempted |\n| --- | ---: | ---: | ---: | ---: |\n");
        totals.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, long[]> e) -> -e.getValue()[0])
                        .thenComparing(e -> -e.getValue()[1]).thenComparing(Map.Entry::getKey))
                .forEach(e -> b.append("| ").append(ruleId(e.getKey())).append(" | ").append(e.getValue()[0])
                        .append(" | ").append(e.getValue()[1]).append(" | ").append(e.getValue()[2]).append(" | ")
                        .append(e.getValue()[3]).append(" |\n"));
        return b.append("\n</details>\n\n").toString();
    }

    /** @return rows shown: {new, fixed + exempted} */
    private int[] appendApp(StringBuilder b, ChangeReport.AppChange a, int room) {
        StringBuilder open = new StringBuilder(a.newBlocking() > 0 ? "<details open><summary>" : "<details><summary>")
                .append(html(a.name())).append(": ").append(plural(a.added().size(), "new finding"));
        if (a.newBlocking() > 0) {
            open.append(" (").append(a.newBlocking()).append(" blocking)");
        }
        open.append(", ").append(a.fixed().size()).append(" fixed");
        if (!a.exempted().isEmpty()) {
            open.append(", ").append(a.exempted().size()).append(" newly exempted");
        }
        open.append("</summary>\n\n");
        if (a.headError() != null) {
            open.append("**Render failed on the head:**\n\n").append(fenced("", truncate(a.headError().strip(),
                    MAX_ERROR_CHARS))).append("\n\n");
        }
        String newHead = "**New**\n\n| Rule | Object | Location | Message |\n| --- | --- | --- | --- |\n";
        String exemptHead = "**Newly exempted** (not fixed: the finding remains, an exemption hides it)\n\n"
                + "| Rule | Object | Owner | Reason | Expires |\n| --- | --- | --- | --- | --- |\n";
        String fixedHead = "**Fixed**\n\n| Rule | Object | Location |\n| --- | --- | --- |\n";
        String close = "</details>\n\n";
        int used = open.length() + close.length() + newHead.length() + exemptHead.length() + fixedHead.length() + 40;
        if (used > room) {
            return new int[] {0, 0};
        }
        List<Finding> added = new ArrayList<>(a.added());
        added.sort(PRIORITY);
        List<String> newRows = new ArrayList<>();
        Map<String, String> fixes = new LinkedHashMap<>();
        for (Finding f : added) {
            String row = "| " + rule(f) + " | " + cell(objectLabel(f)) + " | "
                    + location(f, a.valueSources().get(f.fingerprint())) + " | "
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
        List<String> exemptRows = new ArrayList<>();
        List<String> fixedRows = new ArrayList<>();
        if (newRows.size() == added.size()) {
            for (Finding f : a.exempted()) {
                Exemption e = f.exemption();
                String row = "| " + ruleId(f.ruleId()) + " | " + cell(objectLabel(f)) + " | " + cell(e.owner()) + " | "
                        + cell(e.reason()) + " | " + e.expires() + (e.expiredOn(today) ? " (expired)" : "") + " |\n";
                if (used + row.length() > room) {
                    break;
                }
                used += row.length();
                exemptRows.add(row);
            }
        }
        if (exemptRows.size() == a.exempted().size() && newRows.size() == added.size()) {
            for (Finding f : a.fixed()) {
                String row = "| " + ruleId(f.ruleId()) + " | " + cell(objectLabel(f)) + " | " + cell(f.location().toString())
                        + " |\n";
                if (used + row.length() > room) {
                    break;
                }
                used += row.length();
                fixedRows.add(row);
            }
        }
        if (newRows.isEmpty() && exemptRows.isEmpty() && fixedRows.isEmpty() && a.headError() == null) {
            return new int[] {0, 0};
        }
        b.append(open);
        section(b, newHead, newRows);
        section(b, exemptHead, exemptRows);
        section(b, fixedHead, fixedRows);
        if (!fixes.isEmpty()) {
            b.append("**How to fix**\n\n");
            fixes.values().forEach(b::append);
            b.append('\n');
        }
        b.append(close);
        return new int[] {newRows.size(), exemptRows.size() + fixedRows.size()};
    }

    private static void section(StringBuilder b, String heading, List<String> rows) {
        if (!rows.isEmpty()) {
            b.append(heading);
            rows.forEach(b::append);
            b.append('\n');
        }
    }

    /**
     * Per app with a changed render, the unified diff in a collapsed block: capped per app and in
     * total (and by the room left in the comment), a cut marked as such.
     */
    private String diffs(ChangeReport r, int room) {
        if (settings.diffPerApp() == 0) {
            return "";
        }
        int total = Math.min(settings.diffTotal(), room);
        StringBuilder out = new StringBuilder();
        int omitted = 0;
        for (ChangeReport.AppChange a : r.apps()) {
            if (a.diff().isEmpty()) {
                continue;
            }
            String summary = "<details><summary>Rendered manifests of " + html(a.name()) + ": +" + a.objectsAdded()
                    + " added, −" + a.objectsRemoved() + " removed, ~" + a.objectsChanged() + " changed</summary>\n\n";
            int left = total - out.length() - summary.length() - 200;
            if (left < 200) {
                omitted++;
                continue;
            }
            String diff = a.diff();
            int cap = Math.min(settings.diffPerApp(), left);
            if (diff.length() > cap) {
                int cut = diff.lastIndexOf('\n', cap);
                diff = diff.substring(0, cut < 0 ? cap : cut + 1) + "# … diff cut: " + (diff.length() - cap)
                        + " more characters (limit guardrails.review.comment.diff-max-chars)\n";
            }
            out.append(summary).append(fenced("diff", diff.stripTrailing())).append("\n\n</details>\n\n");
        }
        if (omitted > 0) {
            out.append("Rendered diffs of ").append(plural(omitted, "more app")).append(" not shown (limit "
                    + "guardrails.review.comment.diff-max-total-chars or the comment size).\n\n");
        }
        return out.toString();
    }

    /** The exemption example uses a blocking finding when there is one: that is the one worth exempting. */
    private String howToExempt(ChangeReport r) {
        Finding example = null;
        for (ChangeReport.AppChange a : r.apps()) {
            for (Finding f : a.added()) {
                if (example == null || PRIORITY.compare(f, example) < 0) {
                    example = f;
                }
            }
        }
        if (example == null) {
            return "";
        }
        return MarkdownText.exemptionHint(example, today.plusDays(90));
    }

    private String rule(Finding f) {
        return ruleId(f.ruleId()) + " (" + (f.blocking() ? "**blocking**" : f.mode().id())
                + (f.severity() == null ? "" : ", " + f.severity().id()) + ")";
    }

    /** The rule id as code, linked to its docs when a docs URL is configured. */
    private String ruleId(String id) {
        String link = settings.ruleLink(id);
        return link == null ? code(id) : "[" + code(id) + "](" + safeUrl(link) + ")";
    }

    private static String objectLabel(Finding f) {
        return f.object().kind().isEmpty() && f.object().name().isEmpty() ? "(app)" : f.object().toString();
    }

    /** file:line linked to the file at the head commit; the field path below it; the values key that sets it. */
    private String location(Finding f, HelmLines.ValueSource value) {
        String shown = linked(f.location().file(), f.location().line());
        if (!f.path().isEmpty()) {
            shown = shown.isEmpty() ? cell(f.path()) : shown + "<br>" + cell(f.path());
        }
        if (value != null) {
            shown += "<br>set by " + code(value.key()) + " in " + linked(value.file(), value.line());
        }
        return shown;
    }

    private String linked(String file, int line) {
        String text = line > 0 ? file + ":" + line : file;
        if (file == null || file.isEmpty()) {
            return "";
        }
        String link = links == null ? null : links.file(file, line);
        return link == null ? cell(text) : "[" + cell(text) + "](" + safeUrl(link) + ")";
    }

    /** Characters that would end or break a Markdown link target are percent-encoded. */
    static String safeUrl(String url) {
        return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C")
                .replace(">", "%3E").replace("|", "%7C").replace("\"", "%22").replace("`", "%60");
    }

    static String shortSha(String sha) {
        return sha == null ? "?" : sha.length() > 12 ? sha.substring(0, 12) : sha;
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
