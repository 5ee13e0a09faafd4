package dev.guardrails.plugin.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.model.AppReport;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.Exemption;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.ObjectRef;
import dev.guardrails.scanner.model.ObjectSelector;
import dev.guardrails.scanner.model.ScanReport;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.model.SourceSpan;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuardrailsMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    static Finding finding(String rule, Severity severity, String app, Mode mode, Exemption exemption) {
        return new Finding(rule, rule, Category.RESOURCES, severity, mode, app,
                new ObjectRef("apps/v1", "Deployment", "team", "web"), new SourceSpan(app + "/deploy.yaml", 3, 0),
                "spec", "message", "fix it.", exemption);
    }

    static ScanReport report(List<AppReport> apps, List<Finding> findings) {
        return new ScanReport("repo", "", Instant.EPOCH, 1234, apps, findings, List.of());
    }

    private double findings(String rule, String severity, String app) {
        Counter c = registry.find(GuardrailsMetrics.FINDINGS).tag("rule", rule).tag("severity", severity)
                .tag("app", app).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void countsActiveFindingsByRuleSeverityAndAppAndExemptedOnesApart() {
        GuardrailsMetrics metrics = new GuardrailsMetrics(registry, 500);
        Exemption exemption = new Exemption("latest-tag", ObjectSelector.ANY, "team", "legacy",
                LocalDate.of(2099, 1, 1), ".guardrails.yaml");
        metrics.record(report(List.of(new AppReport("web", "apps/web", "helm", 3, 40, null)), List.of(
                finding("latest-tag", Severity.MEDIUM, "web", Mode.ENFORCE, null),
                finding("latest-tag", Severity.MEDIUM, "web", Mode.WARN, null),
                finding("privileged", Severity.CRITICAL, "web", Mode.ENFORCE, null),
                finding("latest-tag", Severity.MEDIUM, "web", Mode.ENFORCE, exemption))));

        assertThat(findings("latest-tag", "medium", "web")).isEqualTo(2);
        assertThat(findings("privileged", "critical", "web")).isEqualTo(1);
        assertThat(registry.get(GuardrailsMetrics.FINDINGS_EXEMPTED).tag("rule", "latest-tag").counter().count())
                .isEqualTo(1);
        assertThat(registry.get(GuardrailsMetrics.SCANS).tag("result", "blocked").counter().count()).isEqualTo(1);
    }

    @Test
    void appLabelsAreCappedAndTheRestCountAsOther() {
        GuardrailsMetrics metrics = new GuardrailsMetrics(registry, 3);
        List<Finding> list = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            list.add(finding("latest-tag", Severity.MEDIUM, "app-" + i, Mode.WARN, null));
        }
        metrics.record(report(List.of(), list));
        metrics.record(report(List.of(), List.of(finding("latest-tag", Severity.MEDIUM, "app-0", Mode.WARN, null))));

        List<String> apps = registry.find(GuardrailsMetrics.FINDINGS).counters().stream()
                .map(c -> c.getId().getTag("app")).distinct().sorted().toList();
        assertThat(apps).containsExactly("app-0", "app-1", "app-2", GuardrailsMetrics.OTHER_APP);
        assertThat(findings("latest-tag", "medium", GuardrailsMetrics.OTHER_APP)).isEqualTo(7);
        assertThat(findings("latest-tag", "medium", "app-0")).isEqualTo(2);
        assertThat(registry.get(GuardrailsMetrics.SCANS).tag("result", "passed").counter().count()).isEqualTo(2);
    }

    @Test
    void rendersAreTimedPerSourceTypeWithHistogramsAndFailuresCounted() {
        GuardrailsMetrics metrics = new GuardrailsMetrics(registry, 500);
        metrics.record(report(List.of(
                new AppReport("a", "a", "helm", 2, 120, null),
                new AppReport("b", "b", "kustomize", 0, 30, "kustomize app 'b': boom")), List.of()));
        metrics.recordRender("helm", 80, true);
        metrics.recordRender("something-else", 5, false);

        Timer helmOk = registry.get(GuardrailsMetrics.RENDER).tag("type", "helm").tag("outcome", "ok").timer();
        assertThat(helmOk.count()).isEqualTo(1);
        assertThat(helmOk.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(120);
        assertThat(registry.get(GuardrailsMetrics.RENDER_FAILURES).tag("type", "kustomize").counter().count())
                .isEqualTo(1);
        assertThat(registry.get(GuardrailsMetrics.RENDER_FAILURES).tag("type", "helm").counter().count())
                .isEqualTo(1);
        assertThat(registry.get(GuardrailsMetrics.RENDER).tag("type", "unknown").timer().count()).isEqualTo(1);

        Timer check = registry.get(GuardrailsMetrics.CHECK).tag("type", GuardrailsMetrics.MIXED_TYPE).timer();
        assertThat(check.count()).isEqualTo(1);
        assertThat(check.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(1234);
        // Histogram buckets are asserted on the Prometheus scrape (PrometheusEndpointTest).
    }
}
