package dev.guardrails.plugin.ops;

import dev.guardrails.scanner.engine.AppResult;
import dev.guardrails.scanner.engine.EngineListener;
import dev.guardrails.scanner.model.AppReport;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.ScanReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's own metrics, exported at {@code GET /prometheus}. Callers (the CMP endpoint, the PR
 * reviewer, the webhook queue) hand over what they already have: a {@link ScanReport}, or the outcome
 * of a render that happened outside a scan.
 *
 * <p>Label values are bounded so that a busy org cannot blow up the time-series count: rule ids and
 * severities are fixed sets, source types are three, and app names are capped at {@code maxApps}
 * distinct values per process, later ones counted as {@value #OTHER_APP}.
 *
 * <table>
 *   <caption>Metric names (Prometheus form)</caption>
 *   <tr><td>{@code guardrails_findings_total{rule,severity,app}}</td><td>active (not exempted) findings</td></tr>
 *   <tr><td>{@code guardrails_findings_exempted_total{rule}}</td><td>findings suppressed by an exemption</td></tr>
 *   <tr><td>{@code guardrails_render_seconds{type,outcome}}</td><td>render latency histogram per source type</td></tr>
 *   <tr><td>{@code guardrails_render_failures_total{type}}</td><td>failed renders per source type</td></tr>
 *   <tr><td>{@code guardrails_check_seconds{type}}</td><td>whole-scan latency histogram (render, parse, check)</td></tr>
 *   <tr><td>{@code guardrails_scans_total{result}}</td><td>scans by result: {@code passed} or {@code blocked}</td></tr>
 * </table>
 */
@Singleton
public final class GuardrailsMetrics implements EngineListener {

    public static final String FINDINGS = "guardrails.findings";
    public static final String FINDINGS_EXEMPTED = "guardrails.findings.exempted";
    public static final String RENDER = "guardrails.render";
    public static final String RENDER_FAILURES = "guardrails.render.failures";
    public static final String CHECK = "guardrails.check";
    public static final String SCANS = "guardrails.scans";

    /** The app label value once {@code maxApps} distinct apps have been seen. */
    public static final String OTHER_APP = "other";
    /** The type label of a scan whose apps have more than one source type. */
    public static final String MIXED_TYPE = "mixed";
    /** Default cap on distinct app label values. */
    public static final int DEFAULT_MAX_APPS = 500;

    private static final Set<String> KNOWN_TYPES = Set.of("helm", "kustomize", "directory");

    private final MeterRegistry registry;
    private final int maxApps;
    private final Set<String> apps = ConcurrentHashMap.newKeySet();

    /**
     * @param registry where meters live
     * @param maxApps  distinct app names kept as label values ({@code guardrails.metrics.max-apps})
     */
    public GuardrailsMetrics(MeterRegistry registry,
                             @Value("${guardrails.metrics.max-apps:" + DEFAULT_MAX_APPS + "}") int maxApps) {
        this.registry = registry;
        this.maxApps = Math.max(0, maxApps);
    }

    /**
     * Records a finished scan: its active findings, each app's render (latency and failure) and the
     * scan's own latency. Callers that record a report should not also call {@link #recordRender} for
     * the same apps, or renders are counted twice.
     */
    public void record(ScanReport report) {
        countFindings(report.findings());
        String scanType = null;
        for (AppReport app : report.apps()) {
            recordRender(app.type(), app.renderMillis(), app.failed());
            String type = typeLabel(app.type());
            scanType = scanType == null || scanType.equals(type) ? type : MIXED_TYPE;
        }
        timer(CHECK, "Scan latency: render, parse and check of every app", scanType == null ? "none" : scanType)
                .record(Duration.ofMillis(Math.max(0, report.elapsedMillis())));
        Counter.builder(SCANS).description("Scans by result")
                .tag("result", report.blocking().isEmpty() ? "passed" : "blocked")
                .register(registry).increment();
    }

    /**
     * Records one app checked by the server's engine (CMP generate, PR review): its render, its check
     * latency and its active findings.
     */
    @Override
    public void appChecked(AppResult result, long checkMillis) {
        AppReport app = result.report();
        recordRender(app.type(), app.renderMillis(), app.failed());
        timer(CHECK, "Check latency: rules run over one app", typeLabel(app.type()))
                .record(Duration.ofMillis(Math.max(0, checkMillis)));
        countFindings(result.findings());
    }

    /**
     * Records one render.
     *
     * @param type   source type id: {@code helm}, {@code kustomize} or {@code directory}
     * @param millis wall time of the render
     * @param failed whether it failed (also counted in {@code guardrails.render.failures})
     */
    public void recordRender(String type, long millis, boolean failed) {
        String label = typeLabel(type);
        Timer.builder(RENDER).description("Render latency per source type")
                .tag("type", label).tag("outcome", failed ? "failed" : "ok")
                .publishPercentileHistogram()
                .register(registry)
                .record(Duration.ofMillis(Math.max(0, millis)));
        if (failed) {
            Counter.builder(RENDER_FAILURES).description("Failed renders per source type")
                    .tag("type", label).register(registry).increment();
        }
    }

    /** Active findings by rule, severity and app; exempted ones by rule only. */
    private void countFindings(List<Finding> findings) {
        for (Finding f : findings) {
            if (f.exempted()) {
                Counter.builder(FINDINGS_EXEMPTED).description("Findings suppressed by an exemption")
                        .tag("rule", f.ruleId()).register(registry).increment();
                continue;
            }
            String severity = f.severity() == null ? "unknown" : f.severity().name().toLowerCase(Locale.ROOT);
            Counter.builder(FINDINGS).description("Active guardrail findings")
                    .tag("rule", f.ruleId()).tag("severity", severity).tag("app", appLabel(f.app()))
                    .register(registry).increment();
        }
    }

    /** The label value for an app name: the name itself while under the cap, else {@value #OTHER_APP}. */
    String appLabel(String app) {
        String name = app == null || app.isBlank() ? "unknown" : app;
        if (apps.contains(name)) {
            return name;
        }
        // Races may admit a few over the cap; the bound stays of the same order, which is what matters.
        if (apps.size() < maxApps) {
            apps.add(name);
            return name;
        }
        return OTHER_APP;
    }

    private Timer timer(String name, String description, String type) {
        return Timer.builder(name).description(description).tag("type", type)
                .publishPercentileHistogram().register(registry);
    }

    private static String typeLabel(String type) {
        String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
        return KNOWN_TYPES.contains(t) ? t : "unknown";
    }
}
