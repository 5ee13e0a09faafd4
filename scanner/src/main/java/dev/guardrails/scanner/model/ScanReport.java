package dev.guardrails.scanner.model;

import dev.guardrails.scanner.rule.RuleInfo;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The result of scanning one target. Findings are sorted by app, file, line and rule so that every
 * report format is deterministic.
 *
 * @param target     what was scanned: a directory or a Git URL
 * @param revision   the commit scanned, empty for a plain directory
 * @param startedAt  when the scan began
 * @param elapsedMillis wall time
 * @param apps       one entry per app, in discovery order
 * @param findings   every finding, exempted ones included
 * @param rules      metadata of every rule that ran (for SARIF and docs links)
 * @param skipped    apps, ApplicationSets and sources that were not rendered, with the reason
 */
public record ScanReport(String target, String revision, Instant startedAt, long elapsedMillis,
                         List<AppReport> apps, List<Finding> findings, List<RuleInfo> rules,
                         List<SkippedApp> skipped) {

    public static final Comparator<Finding> ORDER = Comparator
            .comparing(Finding::app)
            .thenComparing(f -> f.location().file())
            .thenComparingInt(f -> f.location().line())
            .thenComparing(f -> f.object().toString())
            .thenComparing(Finding::ruleId)
            .thenComparing(Finding::path);

    public ScanReport {
        apps = List.copyOf(apps);
        findings = findings.stream().sorted(ORDER).toList();
        rules = List.copyOf(rules);
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
        revision = revision == null ? "" : revision;
    }

    public ScanReport(String target, String revision, Instant startedAt, long elapsedMillis,
                      List<AppReport> apps, List<Finding> findings, List<RuleInfo> rules) {
        this(target, revision, startedAt, elapsedMillis, apps, findings, rules, List.of());
    }

    /** Rendered, skipped and failed apps: what this report's verdict covers. */
    public Coverage coverage() {
        return Coverage.of(apps, skipped);
    }

    /** Findings that are not exempted. */
    public List<Finding> active() {
        return findings.stream().filter(f -> !f.exempted()).toList();
    }

    /** Findings that fail the scan. */
    public List<Finding> blocking() {
        return findings.stream().filter(Finding::blocking).toList();
    }

    public int objectCount() {
        return apps.stream().mapToInt(AppReport::objectCount).sum();
    }
}
