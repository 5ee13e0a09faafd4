package dev.guardrails.scanner.audit;

import static dev.guardrails.scanner.audit.AuditSamples.failed;
import static dev.guardrails.scanner.audit.AuditSamples.finding;
import static dev.guardrails.scanner.audit.AuditSamples.report;
import static dev.guardrails.scanner.audit.AuditSamples.scanned;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AuditHtmlTest {

    private static final String EVIL = "<script>alert('x')</script> & \"quotes\"";

    @Test
    void untrustedTextIsEscapedEverywhere() {
        RepoResult evilRepo = new RepoResult("<img src=x onerror=alert(1)>", "https://h/<r>", "main", "<b>team</b>", "",
                RepoResult.Status.FAILED, "clone", "cannot clone <script>bad()</script>", 1, List.of());
        AuditReport report = report("2026-01-01T00:00:00Z", List.of(scanned("shop"), evilRepo),
                List.of(finding("shop", "privileged-container", "web<svg onload=x>", "high", "enforce", EVIL)));
        String html = AuditHtml.render(report, AuditTrend.compare(report, report("2025-12-01T00:00:00Z", List.of(), List.of())));

        assertThat(html).doesNotContain("<script>alert").doesNotContain("<img src=x").doesNotContain("<svg onload")
                .doesNotContain("<script>bad").doesNotContain("<b>team</b>");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;")
                .contains("&lt;img src=x onerror=alert(1)&gt;");
        // exactly one script element: the page's own
        assertThat(Pattern.compile("<script").matcher(html).results().count()).isEqualTo(1);
    }

    @Test
    void pageIsSelfContained() {
        String html = AuditHtml.render(report("2026-01-01T00:00:00Z", List.of(scanned("shop")),
                List.of(finding("shop", "latest-tag", "web", "medium", "warn", "m"))), null);
        assertThat(html).doesNotContainPattern("<link|<img|src=\"|@import|url\\(");
        // the only URLs are the SVG namespace and repo locations shown as text, never loaded
        assertThat(html).doesNotContainPattern("(href|src|action)=\"?(https?:)?//")
                .contains(">https://git.example.com/shop.git @main<");
    }

    @Test
    void showsSummariesChartAndTrend() {
        AuditReport before = report("2026-01-01T00:00:00Z", List.of(scanned("shop")),
                List.of(finding("shop", "latest-tag", "web", "medium", "warn", "m")));
        AuditReport now = report("2026-02-01T00:00:00Z", List.of(scanned("shop"), failed("gone")), List.of(
                finding("shop", "privileged-container", "web", "critical", "enforce", "m"),
                finding("shop", "privileged-container", "api", "critical", "enforce", "m"),
                finding("shop", "latest-tag", "api", "medium", "warn", "m")));
        String html = AuditHtml.render(now, AuditTrend.compare(now, before));
        assertThat(html).contains("id=\"summary-team\"").contains("id=\"summary-namespace\"")
                .contains("id=\"summary-rule\"").contains("id=\"summary-severity\"");
        assertThat(html).contains("<g class=\"bar\" data-key=\"critical\" data-value=\"2\">")
                .contains("<g class=\"bar\" data-key=\"medium\" data-value=\"1\">");
        assertThat(html).contains("<span id=\"trend-new\">3</span> new").contains("<span id=\"trend-fixed\">1</span> fixed")
                .contains("(<span class=\"delta\" id=\"trend-total-delta\">+2</span>)");
        assertThat(html).contains("id=\"failed-repos\"").contains("cannot clone file:///nowhere/gone");
        assertThat(html).contains("id=\"verdict\">FAILED");
        assertThat(Pattern.compile("<tr class=\"finding\"").matcher(html).results().count()).isEqualTo(3);
    }
}
