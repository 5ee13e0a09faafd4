package dev.guardrails.scanner.report;

import static dev.guardrails.scanner.report.ReportSummary.plural;

import dev.guardrails.scanner.model.AppReport;
import dev.guardrails.scanner.model.Coverage;
import dev.guardrails.scanner.model.SkippedApp;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.ObjectRef;
import dev.guardrails.scanner.model.ScanReport;
import dev.guardrails.scanner.model.Severity;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Human output for terminals and CI logs. Findings are grouped by app, then by object, each with
 * a one-line verdict; the fix is printed under a rule's first finding in each app; exempted
 * findings are only counted. A rule with more than {@value #ROLLUP} non-blocking findings in an
 * app is rolled up into one line with a few examples (the JSON, SARIF and HTML reports list them
 * all); blocking findings are always listed one by one. When nothing is
 * active the whole report is one line, so a clean scan stays quiet in CI logs.
 *
 * <p>Messages come from manifests, i.e. from whoever wrote the repo: control characters
 * (including ANSI escapes) are replaced so a finding cannot rewrite the terminal.
 */
public final class TextReporter implements Reporter {

    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String DIM = "\u001b[2m";
    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final String CYAN = "\u001b[36m";

    /** Non-blocking findings of one rule in one app listed one by one; more are rolled up. */
    static final int ROLLUP = 5;
    private static final int EXAMPLES = 3;

    private final boolean colour;

    /**
     * @param colour emit ANSI colours; the CLI passes true when stdout is a terminal and
     *               {@code NO_COLOR} is unset
     */
    public TextReporter(boolean colour) {
        this.colour = colour;
    }

    @Override
    public String format() {
        return ReportFormat.TEXT.id();
    }

    @Override
    public void write(ScanReport report, Writer out) throws IOException {
        ReportSummary summary = ReportSummary.of(report);
        StringBuilder b = new StringBuilder();
        if (summary.clean()) {
            b.append("No guardrail findings in ").append(plural(summary.apps(), "app"))
                    .append(" (").append(plural(summary.objects(), "object")).append(")");
            if (summary.exempted() > 0) {
                b.append("; ").append(summary.exempted()).append(" exempted");
            }
            b.append(". Coverage: ").append(report.coverage().line()).append(".\n");
            appendSkipped(b, report);
            out.write(b.toString());
            return;
        }
        for (AppReport app : ReportSummary.appsOf(report)) {
            appendApp(b, app, ReportSummary.findingsOf(report, app.name()));
        }
        appendSkipped(b, report);
        appendSummary(b, summary);
        Coverage coverage = report.coverage();
        String line = "Coverage: " + coverage.line();
        b.append(coverage.complete() ? paint(BOLD, line) : paint(BOLD + RED, line)).append('\n');
        out.write(b.toString());
    }

    /** One line per app or source that was not rendered, with the reason and its mode. */
    private void appendSkipped(StringBuilder b, ScanReport report) {
        if (report.skipped().isEmpty()) {
            return;
        }
        b.append(paint(BOLD, "Skipped (not checked)")).append('\n');
        for (SkippedApp s : report.skipped()) {
            String mode = report.findings().stream()
                    .filter(f -> f.ruleId().equals(s.reason()) && f.app().equals(s.app()) && !f.exempted())
                    .map(f -> f.mode().id()).findFirst().orElse("off");
            b.append("  ").append(marker(Mode.parse(mode))).append(' ').append(clean(s.app().isEmpty() ? "(unnamed)" : s.app()))
                    .append("  ").append(clean(s.reason())).append("  ").append(clean(s.message()));
            if (!s.location().isEmpty()) {
                b.append(paint(DIM, "  (" + clean(s.location()) + ")"));
            }
            b.append('\n');
        }
        b.append('\n');
    }

    private void appendApp(StringBuilder b, AppReport app, List<Finding> findings) {
        List<Finding> active = findings.stream().filter(f -> !f.exempted()).toList();
        long exempted = findings.size() - active.size();
        if (active.isEmpty() && !app.failed()) {
            return;
        }
        b.append(paint(BOLD, clean(app.name())));
        List<String> facts = new ArrayList<>();
        if (app.type() != null && !app.type().isEmpty()) {
            facts.add(clean(app.type()));
        }
        facts.add(plural(app.objectCount(), "object"));
        b.append(" (").append(String.join(", ", facts)).append(")\n");
        if (app.failed()) {
            String[] lines = app.error().strip().split("\\R");
            b.append("  ").append(paint(RED, "render failed:")).append(' ').append(clean(lines[0])).append('\n');
            for (int i = 1; i < lines.length; i++) {
                b.append("    ").append(clean(lines[i])).append('\n');
            }
        }
        // The render error is printed above in full; its finding would only repeat it.
        List<Finding> shown = app.failed()
                ? active.stream().filter(f -> !f.ruleId().equals("render-failed")).toList()
                : active;
        Map<String, List<Finding>> byRule = new LinkedHashMap<>();
        for (Finding f : shown) {
            if (f.mode() != Mode.ENFORCE) {
                byRule.computeIfAbsent(f.ruleId(), k -> new ArrayList<>()).add(f);
            }
        }
        byRule.values().removeIf(list -> list.size() <= ROLLUP);
        List<Finding> listed = shown.stream().filter(f -> f.mode() == Mode.ENFORCE || !byRule.containsKey(f.ruleId()))
                .toList();
        Set<String> explained = new HashSet<>();
        for (List<Finding> group : byObject(listed).values()) {
            Finding first = group.get(0);
            b.append("  ").append(objectLabel(first.object()));
            String where = where(first);
            if (!where.isEmpty()) {
                b.append("  ").append(paint(DIM, where));
            }
            b.append('\n');
            for (Finding f : group) {
                b.append("    ").append(marker(f.mode())).append(' ')
                        .append(severity(f.severity())).append(' ')
                        .append(clean(f.ruleId())).append("  ").append(clean(f.message()));
                if (f.location().line() > 0 && f.location().line() != first.location().line()) {
                    b.append(paint(DIM, " (line " + f.location().line() + ")"));
                }
                b.append('\n');
                // One fix line per rule and app: the second occurrence would say the same.
                if (f.remediation() != null && !f.remediation().isBlank() && explained.add(f.ruleId())) {
                    b.append("      ").append(paint(DIM, "fix: " + clean(f.remediation()))).append('\n');
                }
            }
        }
        for (List<Finding> rolled : byRule.values()) {
            appendRollup(b, rolled);
        }
        if (exempted > 0) {
            b.append("  ").append(paint(DIM, exempted + " exempted")).append('\n');
        }
        b.append('\n');
    }

    /** One line for many findings of one rule: how many, on how many objects, a few examples, the fix. */
    private void appendRollup(StringBuilder b, List<Finding> findings) {
        Finding first = findings.get(0);
        Set<String> objects = new java.util.LinkedHashSet<>();
        findings.forEach(f -> objects.add(objectLabel(f.object())));
        List<String> examples = new ArrayList<>();
        for (Finding f : findings) {
            String example = objectLabel(f.object()) + (where(f).isEmpty() ? "" : " (" + where(f) + ")");
            if (examples.size() < EXAMPLES && !examples.contains(example)) {
                examples.add(example);
            }
        }
        b.append("  ").append(marker(first.mode())).append(' ').append(severity(first.severity())).append(' ')
                .append(clean(first.ruleId())).append("  ")
                .append(plural(findings.size(), "finding")).append(" on ").append(plural(objects.size(), "object"))
                .append(": ").append(clean(first.title() == null ? "" : first.title())).append('\n');
        b.append("      ").append(paint(DIM, "e.g. " + String.join(", ", examples)
                + (findings.size() > examples.size() ? ", ... (all in --format json, sarif or html)" : "")))
                .append('\n');
        if (first.remediation() != null && !first.remediation().isBlank()) {
            b.append("      ").append(paint(DIM, "fix: " + clean(first.remediation()))).append('\n');
        }
    }

    private void appendSummary(StringBuilder b, ReportSummary s) {
        String line = plural(s.apps(), "app") + ", " + plural(s.objects(), "object") + ", "
                + plural(s.findings(), "finding")
                + " (" + s.count(Mode.ENFORCE) + " enforce, " + s.count(Mode.WARN) + " warn, "
                + s.count(Mode.AUDIT) + " audit), " + s.exempted() + " exempted";
        b.append(s.blocking() > 0 || s.failedApps() > 0 ? paint(BOLD + RED, line) : paint(BOLD, line)).append('\n');
    }

    /** Groups one app's findings by object and file, keeping the report's order (file, line). */
    private static Map<String, List<Finding>> byObject(List<Finding> findings) {
        Map<String, List<Finding>> groups = new LinkedHashMap<>();
        for (Finding f : findings) {
            groups.computeIfAbsent(f.object() + "\u0000" + f.location().file(), k -> new ArrayList<>()).add(f);
        }
        return groups;
    }

    static String objectLabel(ObjectRef ref) {
        return ref.kind().isEmpty() && ref.name().isEmpty() ? "(app)" : clean(ref.toString());
    }

    private static String where(Finding f) {
        return clean(f.location().toString());
    }

    private String marker(Mode mode) {
        String text = String.format(Locale.ROOT, "%-7s", mode.name());
        return switch (mode) {
            case ENFORCE -> paint(BOLD + RED, text);
            case WARN -> paint(YELLOW, text);
            default -> paint(CYAN, text);
        };
    }

    private String severity(Severity severity) {
        String text = String.format(Locale.ROOT, "%-8s", severity == null ? "-" : severity.id());
        return severity == Severity.CRITICAL || severity == Severity.HIGH ? paint(BOLD, text) : text;
    }

    private String paint(String code, String text) {
        return colour ? code + text + RESET : text;
    }

    /**
     * One line of untrusted text made safe for a terminal: line breaks and tabs become spaces,
     * other control characters (ESC, DEL, C1) become {@code ?}.
     */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t') {
                b.append(' ');
            } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                b.append('?');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
