package dev.guardrails.scanner.report;

import dev.guardrails.scanner.model.AppReport;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.ScanReport;
import dev.guardrails.scanner.model.Severity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts shared by every format, so that the text summary line, the JSON summary and the
 * Markdown table can never disagree. "Findings" always means active (not exempted) findings.
 *
 * @param apps       apps scanned
 * @param objects    rendered objects checked
 * @param findings   active findings
 * @param blocking   active findings in enforce mode
 * @param byMode     active findings per mode (enforce, warn, audit; never off)
 * @param bySeverity active findings per severity
 * @param exempted   findings suppressed by an exemption
 * @param failedApps apps whose rendering failed
 */
record ReportSummary(int apps, int objects, int findings, int blocking, Map<Mode, Integer> byMode,
                     Map<Severity, Integer> bySeverity, int exempted, int failedApps) {

    /** Modes a finding can have, strongest first: the order every format lists them in. */
    static final List<Mode> MODES = List.of(Mode.ENFORCE, Mode.WARN, Mode.AUDIT);

    /** Severities, most severe first. */
    static final List<Severity> SEVERITIES = List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW);

    static ReportSummary of(ScanReport report) {
        List<AppReport> apps = appsOf(report);
        return count(apps, report.findings());
    }

    static ReportSummary of(ScanReport report, AppReport app) {
        return count(List.of(app), findingsOf(report, app.name()));
    }

    private static ReportSummary count(List<AppReport> apps, List<Finding> findings) {
        Map<Mode, Integer> byMode = new EnumMap<>(Mode.class);
        MODES.forEach(m -> byMode.put(m, 0));
        Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
        SEVERITIES.forEach(s -> bySeverity.put(s, 0));
        int active = 0;
        int exempted = 0;
        for (Finding f : findings) {
            if (f.exempted()) {
                exempted++;
                continue;
            }
            active++;
            byMode.merge(f.mode(), 1, Integer::sum);
            if (f.severity() != null) {
                bySeverity.merge(f.severity(), 1, Integer::sum);
            }
        }
        int objects = apps.stream().mapToInt(AppReport::objectCount).sum();
        int failed = (int) apps.stream().filter(AppReport::failed).count();
        return new ReportSummary(apps.size(), objects, active, byMode.get(Mode.ENFORCE), Map.copyOf(byMode),
                Map.copyOf(bySeverity), exempted, failed);
    }

    int count(Mode mode) {
        return byMode.getOrDefault(mode, 0);
    }

    int count(Severity severity) {
        return bySeverity.getOrDefault(severity, 0);
    }

    /** True when there is nothing to show: no active finding and no failed render. */
    boolean clean() {
        return findings == 0 && failedApps == 0;
    }

    /**
     * The report's apps in discovery order, followed by any app that only appears in findings
     * (defensive: a report built by hand or by a future engine may not list every app).
     */
    static List<AppReport> appsOf(ScanReport report) {
        List<AppReport> apps = new ArrayList<>(report.apps());
        Set<String> known = new LinkedHashSet<>();
        apps.forEach(a -> known.add(a.name()));
        // Skipped apps are listed under coverage with their reason, not as apps that rendered nothing.
        report.skipped().forEach(s -> known.add(s.app()));
        for (Finding f : report.findings()) {
            if (known.add(f.app())) {
                apps.add(new AppReport(f.app(), "", "", 0, 0, null));
            }
        }
        return apps;
    }

    static List<Finding> findingsOf(ScanReport report, String app) {
        return report.findings().stream().filter(f -> f.app().equals(app)).toList();
    }

    static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
