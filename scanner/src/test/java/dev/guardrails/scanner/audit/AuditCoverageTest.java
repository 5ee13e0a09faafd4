package dev.guardrails.scanner.audit;

import static dev.guardrails.scanner.audit.AuditSamples.finding;
import static dev.guardrails.scanner.audit.AuditSamples.report;
import static dev.guardrails.scanner.audit.AuditSamples.scanned;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The audit verdict follows the exit code and never reads PASSED when something was not checked:
 * a failed render or a skipped app makes it INCOMPLETE, a blocking finding FAILED; the page lists
 * failed renders and skipped apps, and long messages wrap.
 */
class AuditCoverageTest {

    private static RepoResult withApps(String name, List<RepoResult.App> apps, List<RepoResult.Skipped> skipped) {
        return new RepoResult(name, "https://git.example.com/" + name + ".git", "main", "team-" + name, "abc",
                RepoResult.Status.SCANNED, null, null, 5, apps, skipped);
    }

    @Test
    void failedRenderBesideNoBlockingFindingIsIncompleteNotPassed() {
        RepoResult repo = withApps("shop", List.of(new RepoResult.App("web", "apps/web", "helm", 0, 3,
                "helm template failed: exit status 1")), List.of());
        AuditReport report = report("2026-01-01T00:00:00Z", List.of(repo),
                List.of(finding("shop", "latest-tag", "web", "medium", "warn", "m")));
        assertThat(report.verdict()).isEqualTo(AuditReport.Verdict.INCOMPLETE);
        assertThat(report.passed()).isFalse();
        String html = AuditHtml.render(report, null);
        assertThat(html).contains("data-verdict=\"INCOMPLETE\" id=\"verdict\">INCOMPLETE<")
                .doesNotContain(">PASSED<")
                .contains("id=\"failed-renders\"").contains("helm template failed: exit status 1")
                .contains("id=\"card-apps-failed\"><span class=\"value\">1</span>");
    }

    @Test
    void criticalBlockingFindingWithAFailedRenderIsFailed() {
        RepoResult repo = withApps("shop", List.of(new RepoResult.App("web", "apps/web", "helm", 0, 3, "boom")), List.of());
        AuditReport report = report("2026-01-01T00:00:00Z", List.of(repo),
                List.of(finding("shop", "privileged-container", "api", "critical", "enforce", "m")));
        assertThat(report.verdict()).isEqualTo(AuditReport.Verdict.FAILED);
        assertThat(AuditHtml.render(report, null)).contains("id=\"verdict\">FAILED<").doesNotContain(">PASSED<");
    }

    @Test
    void skippedAppsAreListedWithTheirReason() {
        RepoResult repo = withApps("addons", List.of(new RepoResult.App("web", "apps/web", "directory", 2, 1, null)),
                List.of(new RepoResult.Skipped("cert-manager", "appsets/addons.yaml:1", "appset-not-expanded",
                        "ApplicationSet: clusters generator needs the cluster")));
        AuditReport report = report("2026-01-01T00:00:00Z", List.of(repo), List.of());
        assertThat(report.verdict()).isEqualTo(AuditReport.Verdict.INCOMPLETE);
        String html = AuditHtml.render(report, null);
        assertThat(html).contains("id=\"skipped-apps\"").contains("<code>appset-not-expanded</code>")
                .contains("clusters generator needs the cluster");
    }

    @Test
    void repoWithNoAppIsNotAPass() {
        RepoResult empty = withApps("empty", List.of(), List.of());
        assertThat(report("2026-01-01T00:00:00Z", List.of(empty), List.of()).verdict())
                .isEqualTo(AuditReport.Verdict.INCOMPLETE);
    }

    @Test
    void everythingCheckedAndNothingBlockingPasses() {
        AuditReport report = report("2026-01-01T00:00:00Z", List.of(scanned("shop")),
                List.of(finding("shop", "latest-tag", "web", "medium", "warn", "m")));
        assertThat(report.verdict()).isEqualTo(AuditReport.Verdict.PASSED);
        assertThat(AuditHtml.render(report, null)).contains("id=\"verdict\">PASSED<");
    }

    @Test
    void messageColumnWraps() {
        String html = AuditHtml.render(report("2026-01-01T00:00:00Z", List.of(scanned("shop")), List.of()), null);
        assertThat(html).contains("td.msg { max-width: 520px; min-width: 240px; white-space: pre-wrap; overflow-wrap: anywhere;");
    }

    @Test
    void skippedAppsSurviveTheJsonRoundTrip() throws Exception {
        RepoResult repo = withApps("addons", List.of(new RepoResult.App("web", "apps/web", "directory", 2, 1, null)),
                List.of(new RepoResult.Skipped("x", "a.yaml:3", "source-unavailable", "other repo")));
        AuditReport report = report("2026-01-01T00:00:00Z", List.of(repo), List.of());
        StringWriter out = new StringWriter();
        AuditJson.write(report, out);
        AuditReport back = AuditJson.read(new StringReader(out.toString()), "audit.json");
        assertThat(back.repos().get(0).skipped()).containsExactly(repo.skipped().get(0));
        assertThat(back.verdict()).isEqualTo(AuditReport.Verdict.INCOMPLETE);
    }
}
