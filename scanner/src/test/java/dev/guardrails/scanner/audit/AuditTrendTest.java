package dev.guardrails.scanner.audit;

import static dev.guardrails.scanner.audit.AuditSamples.failed;
import static dev.guardrails.scanner.audit.AuditSamples.finding;
import static dev.guardrails.scanner.audit.AuditSamples.report;
import static dev.guardrails.scanner.audit.AuditSamples.scanned;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AuditTrendTest {

    @Test
    void countsPerRuleDeltasAndNewAndFixedByFingerprint() {
        AuditReport before = report("2026-01-01T00:00:00Z", List.of(scanned("a"), scanned("b"), scanned("c")), List.of(
                finding("a", "privileged-container", "web", "critical", "enforce", "old wording"),
                finding("a", "latest-tag", "web", "medium", "warn", "m"),
                finding("b", "latest-tag", "api", "medium", "warn", "m"),
                finding("c", "latest-tag", "db", "medium", "warn", "m")));
        AuditReport now = report("2026-02-01T00:00:00Z", List.of(scanned("a"), scanned("b"), failed("c")), List.of(
                // same fingerprint, other message and line: not new
                new AuditFinding("a", "team-a", "apps/web", "ns-a", "Deployment", "web", "privileged-container", "t",
                        "pod-security", "critical", "enforce", "apps/web/deploy.yaml", 40,
                        "spec.template.spec.containers[0]", "new wording", "r", null),
                // same rule and object in another repo: new
                finding("b", "privileged-container", "web", "critical", "enforce", "m"),
                finding("b", "cpu-limit-missing", "api", "low", "audit", "m")));

        AuditTrend trend = AuditTrend.compare(now, before);

        assertThat(trend.previousTotal()).isEqualTo(4);
        assertThat(trend.currentTotal()).isEqualTo(3);
        assertThat(trend.totalDelta()).isEqualTo(-1);
        assertThat(trend.rules()).containsExactly(
                new AuditTrend.RuleDelta("cpu-limit-missing", 0, 1),
                new AuditTrend.RuleDelta("latest-tag", 3, 0),
                new AuditTrend.RuleDelta("privileged-container", 1, 2));
        assertThat(trend.added()).extracting(AuditFinding::repo, AuditFinding::rule).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("b", "privileged-container"),
                org.assertj.core.groups.Tuple.tuple("b", "cpu-limit-missing"));
        // repo c failed this time: its latest-tag finding is not counted as fixed
        assertThat(trend.fixed()).extracting(AuditFinding::repo, AuditFinding::rule).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("a", "latest-tag"),
                org.assertj.core.groups.Tuple.tuple("b", "latest-tag"));
    }

    @Test
    void exemptedFindingsDoNotCount() {
        AuditFinding exempted = new AuditFinding("a", "", "app", "", "Pod", "p", "host-pid", "t", "pod-security",
                "high", "enforce", "f", 1, "", "m", "r", "owner: reason");
        AuditReport before = report("2026-01-01T00:00:00Z", List.of(scanned("a")), List.of());
        AuditReport now = report("2026-02-01T00:00:00Z", List.of(scanned("a")), List.of(exempted));
        AuditTrend trend = AuditTrend.compare(now, before);
        assertThat(trend.currentTotal()).isZero();
        assertThat(trend.added()).isEmpty();
    }
}
