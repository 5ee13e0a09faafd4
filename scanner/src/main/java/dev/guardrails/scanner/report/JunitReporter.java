package dev.guardrails.scanner.report;

import dev.guardrails.scanner.model.AppReport;
import dev.guardrails.scanner.model.SkippedApp;
import dev.guardrails.scanner.model.Exemption;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.ScanReport;
import java.io.IOException;
import java.io.Writer;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JUnit XML (the de-facto Ant/Surefire layout most CI servers read): one {@code <testsuite>}
 * per app, one {@code <testcase>} per rule and object with findings.
 *
 * <ul>
 *   <li>enforce and warn findings fail their test case ({@code <failure type="ruleId">});</li>
 *   <li>audit findings only add {@code <system-out>} to a passing test case;</li>
 *   <li>exempted findings are {@code <skipped>} test cases naming owner, reason and expiry;</li>
 *   <li>a failed render is an {@code <error>} test case;</li>
 *   <li>an app without findings gets one passing test case, "rendered N objects".</li>
 * </ul>
 *
 * <p>Text is escaped for XML 1.0, and characters XML 1.0 cannot carry at all (most control
 * characters, lone surrogates) are replaced with U+FFFD, so the document always parses.
 */
public final class JunitReporter implements Reporter {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_LOCAL_DATE_TIME.withZone(ZoneOffset.UTC);

    @Override
    public String format() {
        return ReportFormat.JUNIT.id();
    }

    @Override
    public void write(ScanReport report, Writer out) throws IOException {
        List<Suite> suites = new ArrayList<>();
        for (AppReport app : ReportSummary.appsOf(report)) {
            suites.add(suite(app, ReportSummary.findingsOf(report, app.name())));
        }
        if (!report.skipped().isEmpty()) {
            suites.add(skippedSuite(report));
        }
        StringBuilder b = new StringBuilder();
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<testsuites name=\"").append(attr(SarifReporter.TOOL_NAME)).append('"')
                .append(" tests=\"").append(suites.stream().mapToInt(s -> s.cases.size()).sum()).append('"')
                .append(" failures=\"").append(suites.stream().mapToInt(Suite::failures).sum()).append('"')
                .append(" errors=\"").append(suites.stream().mapToInt(Suite::errors).sum()).append('"')
                .append(" skipped=\"").append(suites.stream().mapToInt(Suite::skipped).sum()).append('"')
                .append(" time=\"").append(seconds(report.elapsedMillis())).append("\">\n");
        String timestamp = report.startedAt() == null ? null
                : TIMESTAMP.format(report.startedAt().truncatedTo(ChronoUnit.SECONDS));
        for (Suite suite : suites) {
            appendSuite(b, suite, report, timestamp);
        }
        b.append("</testsuites>\n");
        out.write(b.toString());
        out.flush();
    }

    private record Case(String name, String classname, String failureType, String failureMessage,
                        String failureText, boolean error, String skipped, String systemOut) {
    }

    private record Suite(AppReport app, List<Case> cases) {
        int failures() {
            return (int) cases.stream().filter(c -> c.failureType != null && !c.error).count();
        }

        int errors() {
            return (int) cases.stream().filter(c -> c.error).count();
        }

        int skipped() {
            return (int) cases.stream().filter(c -> c.skipped != null).count();
        }
    }

    private static Suite suite(AppReport app, List<Finding> findings) {
        List<Case> cases = new ArrayList<>();
        String classname = app.name();
        if (app.failed()) {
            String firstLine = app.error().strip().split("\\R", 2)[0];
            cases.add(new Case("render", classname, "render-failed", firstLine, app.error(), true, null, null));
        }
        Map<String, List<Finding>> active = new LinkedHashMap<>();
        Map<String, List<Finding>> exempted = new LinkedHashMap<>();
        for (Finding f : findings) {
            String key = f.ruleId() + " " + TextReporter.objectLabel(f.object());
            (f.exempted() ? exempted : active).computeIfAbsent(key, k -> new ArrayList<>()).add(f);
        }
        for (Map.Entry<String, List<Finding>> e : active.entrySet()) {
            cases.add(findingCase(e.getKey(), classname, e.getValue()));
        }
        for (Map.Entry<String, List<Finding>> e : exempted.entrySet()) {
            Finding f = e.getValue().get(0);
            Exemption x = f.exemption();
            String why = "exempted until " + x.expires() + " (owner " + x.owner() + "): " + x.reason()
                    + (x.source().isEmpty() ? "" : " [" + x.source() + "]");
            cases.add(new Case(e.getKey(), classname, null, null, null, false, why, null));
        }
        if (active.isEmpty() && !app.failed()) {
            cases.add(0, new Case("rendered " + ReportSummary.plural(app.objectCount(), "object"), classname,
                    null, null, null, false, null, null));
        }
        return new Suite(app, cases);
    }

    /**
     * Apps that were not rendered, one test case each: a failure when its coverage finding is in
     * enforce or warn mode, else a skipped case naming the reason.
     */
    private static Suite skippedSuite(ScanReport report) {
        List<Case> cases = new ArrayList<>();
        for (SkippedApp s : report.skipped()) {
            String name = s.app() + " (" + s.reason() + ")";
            Finding f = report.findings().stream()
                    .filter(x -> x.ruleId().equals(s.reason()) && x.app().equals(s.app()) && !x.exempted())
                    .findFirst().orElse(null);
            if (f != null && (f.mode() == Mode.ENFORCE || f.mode() == Mode.WARN)) {
                cases.add(new Case(name, "coverage", s.reason(), s.message(), describe(List.of(f)), false, null, null));
            } else {
                cases.add(new Case(name, "coverage", null, null, null, false, "not checked: " + s.message(), null));
            }
        }
        return new Suite(new AppReport("skipped apps", "", "coverage", 0, 0, null), cases);
    }

    private static Case findingCase(String name, String classname, List<Finding> group) {
        List<Finding> failing = group.stream().filter(f -> f.mode() == Mode.ENFORCE || f.mode() == Mode.WARN).toList();
        List<Finding> audit = group.stream().filter(f -> f.mode() != Mode.ENFORCE && f.mode() != Mode.WARN).toList();
        String failureMessage = null;
        String failureText = null;
        String type = null;
        if (!failing.isEmpty()) {
            Finding first = failing.get(0);
            type = first.ruleId();
            failureMessage = failing.size() == 1 ? nullToEmpty(first.message())
                    : failing.size() + " findings: " + nullToEmpty(first.message());
            failureText = describe(failing);
        }
        String systemOut = audit.isEmpty() ? null : describe(audit);
        return new Case(name, classname, type, failureMessage, failureText, false, null, systemOut);
    }

    private static String describe(List<Finding> findings) {
        StringBuilder b = new StringBuilder();
        for (Finding f : findings) {
            b.append('[').append(f.mode().id());
            if (f.severity() != null) {
                b.append(", ").append(f.severity().id());
            }
            b.append("] ").append(f.location());
            if (!f.path().isEmpty()) {
                b.append(' ').append(f.path());
            }
            b.append('\n').append(nullToEmpty(f.message())).append('\n');
            if (f.remediation() != null && !f.remediation().isBlank()) {
                b.append("fix: ").append(f.remediation()).append('\n');
            }
        }
        return b.toString();
    }

    private static void appendSuite(StringBuilder b, Suite suite, ScanReport report, String timestamp) {
        AppReport app = suite.app;
        b.append("  <testsuite name=\"").append(attr(app.name())).append('"')
                .append(" tests=\"").append(suite.cases.size()).append('"')
                .append(" failures=\"").append(suite.failures()).append('"')
                .append(" errors=\"").append(suite.errors()).append('"')
                .append(" skipped=\"").append(suite.skipped()).append('"')
                .append(" time=\"").append(seconds(app.renderMillis())).append('"');
        if (timestamp != null) {
            b.append(" timestamp=\"").append(timestamp).append('"');
        }
        b.append(">\n");
        b.append("    <properties>\n");
        property(b, "target", report.target());
        property(b, "revision", report.revision());
        property(b, "path", app.path());
        property(b, "type", app.type());
        property(b, "objects", Integer.toString(app.objectCount()));
        b.append("    </properties>\n");
        for (Case c : suite.cases) {
            b.append("    <testcase name=\"").append(attr(c.name)).append("\" classname=\"")
                    .append(attr(c.classname)).append("\" time=\"0.000\"");
            if (c.failureType == null && c.skipped == null && c.systemOut == null) {
                b.append("/>\n");
                continue;
            }
            b.append(">\n");
            if (c.failureType != null) {
                String element = c.error ? "error" : "failure";
                b.append("      <").append(element).append(" message=\"").append(attr(c.failureMessage))
                        .append("\" type=\"").append(attr(c.failureType)).append("\">")
                        .append(text(c.failureText)).append("</").append(element).append(">\n");
            }
            if (c.skipped != null) {
                b.append("      <skipped message=\"").append(attr(c.skipped)).append("\"/>\n");
            }
            if (c.systemOut != null) {
                b.append("      <system-out>").append(text(c.systemOut)).append("</system-out>\n");
            }
            b.append("    </testcase>\n");
        }
        b.append("  </testsuite>\n");
    }

    private static void property(StringBuilder b, String name, String value) {
        b.append("      <property name=\"").append(attr(name)).append("\" value=\"")
                .append(attr(nullToEmpty(value))).append("\"/>\n");
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Escapes element content. */
    static String text(String s) {
        return escape(s, false);
    }

    /** Escapes an attribute value; line breaks and tabs become character references so they survive normalisation. */
    static String attr(String s) {
        return escape(s, true);
    }

    private static String escape(String s, boolean attribute) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append(attribute ? "&quot;" : "\"");
                case '\'' -> b.append(attribute ? "&apos;" : "'");
                case '\n' -> b.append(attribute ? "&#10;" : "\n");
                case '\r' -> b.append("&#13;");
                case '\t' -> b.append(attribute ? "&#9;" : "\t");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        b.append(c).append(s.charAt(++i));
                    } else if (allowed(c)) {
                        b.append(c);
                    } else {
                        b.append('\uFFFD');
                    }
                }
            }
        }
        return b.toString();
    }

    /** XML 1.0 Char production for a single UTF-16 unit (tab, LF and CR are handled by the caller). */
    private static boolean allowed(char c) {
        return (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
    }
}
