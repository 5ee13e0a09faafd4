package dev.guardrails.scanner.report;

import static dev.guardrails.scanner.report.MarkdownText.cell;
import static dev.guardrails.scanner.report.MarkdownText.code;
import static dev.guardrails.scanner.report.MarkdownText.fenced;
import static dev.guardrails.scanner.report.MarkdownText.html;

import static dev.guardrails.scanner.report.ReportSummary.plural;

import dev.guardrails.scanner.model.AppReport;
import dev.guardrails.scanner.model.Coverage;
import dev.guardrails.scanner.model.SkippedApp;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.ScanReport;
import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GitHub/GitLab-flavoured Markdown for PR comments and CI job summaries: a one-line verdict, a
 * per-app table, then per app a collapsed {@code <details>} block with one row per finding and
 * each rule's remediation once, and a hint showing how to declare an exemption.
 *
 * <p>Finding text comes from the scanned repo, so every cell is escaped (pipes, HTML, Markdown
 * emphasis and link syntax) and cannot break the table or inject markup. The output stays under
 * {@link #MAX_CHARS} (GitHub rejects comments over 65,536 characters): when the details do not
 * fit, they are cut at a row boundary and a "… N more findings not shown" line is added.
 */
public final class MarkdownReporter implements Reporter {

    /** Upper bound on the output length, in UTF-16 chars, below GitHub's comment limit. */
    public static final int MAX_CHARS = 65_000;

    private static final int MAX_ERROR_CHARS = 2_000;
    private static final int MAX_TABLE_APPS = 200;
    private static final int NOTE_RESERVE = 120;
    private static final String TABLE_HEAD = "| Rule | Object | Location | Message |\n| --- | --- | --- | --- |\n";

    private final int maxChars;

    /** A reporter bounded by {@link #MAX_CHARS}. */
    public MarkdownReporter() {
        this(MAX_CHARS);
    }

    /** A reporter with a custom bound (GitLab notes allow 1,000,000 characters). */
    public MarkdownReporter(int maxChars) {
        if (maxChars < 2_000) {
            throw new IllegalArgumentException("maxChars must be at least 2000: " + maxChars);
        }
        this.maxChars = maxChars;
    }

    @Override
    public String format() {
        return ReportFormat.MARKDOWN.id();
    }

    @Override
    public void write(ScanReport report, Writer out) throws IOException {
        ReportSummary s = ReportSummary.of(report);
        if (s.clean()) {
            String line = "### Guardrails: no findings\n\nScanned " + plural(s.apps(), "app") + " ("
                    + plural(s.objects(), "object") + ")" + (s.exempted() > 0 ? "; " + s.exempted() + " exempted" : "")
                    + ".\n\n" + coverage(report);
            out.write(line);
            out.flush();
            return;
        }
        String head = head(report, s);
        String tail = howToExempt(report);
        int budget = maxChars - head.length() - tail.length() - NOTE_RESERVE;

        Body body = body(report, budget, false);
        if (body.hidden() > 0) {
            // It does not all fit: what is cut must be the least pressing, not whatever came last.
            body = body(report, budget, true);
        }
        int hidden = body.hidden();
        StringBuilder b = new StringBuilder(head).append(body.text());
        if (hidden > 0) {
            b.append("… ").append(plural(hidden, "more finding")).append(" not shown.\n\n");
        }
        b.append(tail);
        out.write(b.toString());
        out.flush();
    }

    private record Body(String text, int hidden) {
    }

    /** Most pressing first: blocking, then by severity, then failed renders; report order otherwise. */
    private static final Comparator<Finding> PRESSING = Comparator
            .comparing((Finding f) -> !f.blocking())
            .thenComparing(f -> f.severity() == null ? 0 : -f.severity().ordinal() - 1);

    /**
     * The details of every app with findings, within {@code budget} characters.
     *
     * @param severeFirst order apps by their most pressing finding and findings within an app by
     *                    {@link #PRESSING}, so a cut drops the least severe rows
     */
    private static Body body(ScanReport report, int budget, boolean severeFirst) {
        StringBuilder body = new StringBuilder();
        int hidden = 0;
        boolean full = false;
        List<AppReport> apps = new ArrayList<>(ReportSummary.appsOf(report));
        Map<String, List<Finding>> activeByApp = new LinkedHashMap<>();
        for (AppReport app : apps) {
            List<Finding> active = new ArrayList<>(ReportSummary.findingsOf(report, app.name()).stream()
                    .filter(f -> !f.exempted()).toList());
            if (severeFirst) {
                active.sort(PRESSING);
            }
            activeByApp.put(app.name(), active);
        }
        if (severeFirst) {
            apps.sort(Comparator.comparing((AppReport a) -> !a.failed() && activeByApp.get(a.name()).isEmpty())
                    .thenComparing((AppReport a) -> activeByApp.get(a.name()).isEmpty() ? null
                            : activeByApp.get(a.name()).get(0), Comparator.nullsLast(PRESSING)));
        }
        for (AppReport app : apps) {
            List<Finding> findings = ReportSummary.findingsOf(report, app.name());
            List<Finding> active = activeByApp.get(app.name());
            if (active.isEmpty() && !app.failed()) {
                continue;
            }
            if (full) {
                hidden += active.size();
                continue;
            }
            int shown = appendApp(body, app, active, findings.size() - active.size(), budget - body.length());
            hidden += active.size() - shown;
            full = shown < active.size();
        }
        return new Body(body.toString(), hidden);
    }

    private static String head(ScanReport report, ReportSummary s) {
        StringBuilder b = new StringBuilder("### Guardrails: ");
        List<String> parts = new ArrayList<>();
        parts.add(s.blocking() + " blocking");
        parts.add(plural(s.count(Mode.WARN), "warning"));
        if (s.count(Mode.AUDIT) > 0) {
            parts.add(s.count(Mode.AUDIT) + " audit");
        }
        if (s.failedApps() > 0) {
            parts.add(plural(s.failedApps(), "render failure"));
        }
        b.append(String.join(", ", parts)).append("\n\n");
        b.append("Scanned ").append(cell(report.target()));
        if (!report.revision().isEmpty()) {
            String rev = report.revision();
            b.append(" at ").append(code(rev.length() > 12 ? rev.substring(0, 12) : rev));
        }
        b.append(": ").append(plural(s.apps(), "app")).append(", ").append(plural(s.objects(), "object"))
                .append(", ").append(plural(s.findings(), "finding")).append(", ").append(s.exempted())
                .append(" exempted.\n\n");
        b.append(coverage(report));

        b.append("| App | Objects | Enforce | Warn | Audit | Exempted |\n");
        b.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
        int listed = 0;
        int quietApps = 0;
        int quietObjects = 0;
        for (AppReport app : ReportSummary.appsOf(report)) {
            ReportSummary a = ReportSummary.of(report, app);
            if (a.findings() == 0 && a.exempted() == 0 && !app.failed() || listed >= MAX_TABLE_APPS) {
                quietApps++;
                quietObjects += app.objectCount();
                continue;
            }
            listed++;
            b.append("| ").append(cell(app.name())).append(app.failed() ? " (render failed)" : "")
                    .append(" | ").append(app.objectCount())
                    .append(" | ").append(a.count(Mode.ENFORCE))
                    .append(" | ").append(a.count(Mode.WARN))
                    .append(" | ").append(a.count(Mode.AUDIT))
                    .append(" | ").append(a.exempted()).append(" |\n");
        }
        if (quietApps > 0) {
            b.append("| ").append(listed == 0 ? "" : "… ").append(plural(quietApps, "other app"))
                    .append(" | ").append(quietObjects).append(" | | | | |\n");
        }
        b.append('\n');
        return b.toString();
    }

    /**
     * The coverage line, then (when some were) the skipped apps with their reason: a verdict
     * always says what it does not cover.
     */
    static String coverage(ScanReport report) {
        Coverage c = report.coverage();
        StringBuilder b = new StringBuilder("**Coverage:** ").append(c.line()).append(".\n\n");
        if (!c.skipped().isEmpty()) {
            b.append("| Skipped app | Reason | Why |\n| --- | --- | --- |\n");
            int n = 0;
            for (SkippedApp sk : c.skipped()) {
                if (n++ == MAX_TABLE_APPS) {
                    b.append("| … ").append(plural(c.skipped().size() - MAX_TABLE_APPS, "more")).append(" | | |\n");
                    break;
                }
                b.append("| ").append(cell(sk.app())).append(" | ").append(code(sk.reason())).append(" | ")
                        .append(cell(sk.message())).append(" |\n");
            }
            b.append('\n');
        }
        return b.toString();
    }

    /**
     * Appends one app's details block, with as many rows as fit in {@code room} characters.
     *
     * @return how many of the active findings were shown
     */
    private static int appendApp(StringBuilder b, AppReport app, List<Finding> active, int exempted, int room) {
        StringBuilder open = new StringBuilder("<details><summary>").append(html(app.name())).append(" (")
                .append(plural(active.size(), "finding"));
        if (exempted > 0) {
            open.append(", ").append(exempted).append(" exempted");
        }
        open.append(")</summary>\n\n");
        if (app.failed()) {
            String error = app.error().strip();
            if (error.length() > MAX_ERROR_CHARS) {
                error = error.substring(0, MAX_ERROR_CHARS) + "…";
            }
            open.append("**Render failed:**\n\n").append(fenced("", error)).append("\n\n");
        }
        if (!active.isEmpty()) {
            open.append(TABLE_HEAD);
        }
        String close = "</details>\n\n";

        List<String> rows = new ArrayList<>();
        Map<String, String> fixes = new LinkedHashMap<>();
        int used = open.length() + close.length() + 1 + "**How to fix**\n\n".length() + 1;
        if (used > room) {
            return 0;
        }
        for (Finding f : active) {
            String row = row(f);
            String fix = fixes.containsKey(f.ruleId()) || f.remediation() == null || f.remediation().isBlank()
                    ? "" : fixLine(f);
            if (used + row.length() + fix.length() > room) {
                break;
            }
            used += row.length() + fix.length();
            rows.add(row);
            if (!fix.isEmpty()) {
                fixes.put(f.ruleId(), fix);
            }
        }
        if (rows.isEmpty() && !app.failed()) {
            return 0;
        }
        b.append(open);
        rows.forEach(b::append);
        if (!rows.isEmpty()) {
            b.append('\n');
        }
        if (!fixes.isEmpty()) {
            b.append("**How to fix**\n\n");
            fixes.values().forEach(b::append);
            b.append('\n');
        }
        b.append(close);
        return rows.size();
    }

    private static String row(Finding f) {
        String rule = code(f.ruleId()) + " (" + f.mode().id() + (f.severity() == null ? "" : ", " + f.severity().id()) + ")";
        String location = f.location().toString();
        if (!f.path().isEmpty()) {
            location = location.isEmpty() ? f.path() : location + "\n" + f.path();
        }
        return "| " + rule + " | " + cell(TextReporter.objectLabel(f.object())) + " | " + cell(location)
                + " | " + cell(f.message()) + " |\n";
    }

    private static String fixLine(Finding f) {
        return "- " + code(f.ruleId()) + ": " + cell(f.remediation()) + "\n";
    }

    private static String howToExempt(ScanReport report) {
        List<Finding> active = report.active();
        if (active.isEmpty()) {
            return "";
        }
        // Prefer a finding about a real object: exempting a failed render is rarely the answer.
        Finding example = active.stream()
                .filter(f -> f.category() != Category.PLATFORM && !f.object().kind().isEmpty())
                .findFirst()
                .orElse(active.get(0));
        LocalDate expires = report.startedAt() == null ? LocalDate.of(2099, 12, 31)
                : LocalDate.ofInstant(report.startedAt(), ZoneOffset.UTC).plusDays(90);
        return MarkdownText.exemptionHint(example, expires);
    }

}
