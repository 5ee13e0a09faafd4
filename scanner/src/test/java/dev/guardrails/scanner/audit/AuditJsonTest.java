package dev.guardrails.scanner.audit;

import static dev.guardrails.scanner.audit.AuditSamples.failed;
import static dev.guardrails.scanner.audit.AuditSamples.finding;
import static dev.guardrails.scanner.audit.AuditSamples.scanned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditJsonTest {

    private static final AuditFinding EXEMPTED = new AuditFinding("shop", "", "apps/a", "", "CronJob", "nightly",
            "read-only-root-filesystem", "t", "hardening", "medium", "warn", "a.yaml", 0, "", "msg \"quoted\" <b>",
            "r", "team-x: until REP-1");

    @Test
    void roundTripGivesTheSameReport() throws Exception {
        AuditReport report = new AuditReport(AuditReport.SCHEMA_VERSION, "2026-01-02T03:04:05Z", 99, "0/2",
                List.of(scanned("shop"), failed("gone")),
                List.of(finding("shop", "privileged-container", "web", "critical", "enforce", "privileged"), EXEMPTED));
        String json = write(report);
        assertThat(json).contains("\"$schema\" : \"" + AuditJson.SCHEMA_ID + "\"").contains("\"schemaVersion\" : 1");
        AuditReport back = AuditJson.read(new StringReader(json), "test");
        assertThat(back).isEqualTo(report);
        assertThat(write(back)).isEqualTo(json);
    }

    @Test
    void everyFindingCarriesRepoAppNamespaceRuleSeverityModeTeam() throws Exception {
        AuditReport report = AuditSamples.report("2026-01-02T03:04:05Z", List.of(scanned("shop")),
                List.of(finding("shop", "privileged-container", "web", "critical", "enforce", "m")));
        com.fasterxml.jackson.databind.JsonNode f = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(write(report)).path("findings").get(0);
        assertThat(f.path("repo").asText()).isEqualTo("shop");
        assertThat(f.path("app").asText()).isEqualTo("apps/web");
        assertThat(f.path("namespace").asText()).isEqualTo("ns-shop");
        assertThat(f.path("rule").asText()).isEqualTo("privileged-container");
        assertThat(f.path("severity").asText()).isEqualTo("critical");
        assertThat(f.path("mode").asText()).isEqualTo("enforce");
        assertThat(f.path("team").asText()).isEqualTo("team-shop");
    }

    @Test
    void rejectsOtherDocumentsAndNewerSchemas() throws Exception {
        assertThatThrownBy(() -> AuditJson.read(new StringReader("{\"version\":\"2.1.0\"}"), "sarif.json"))
                .hasMessageContaining("not a guardrails audit report");
        String newer = write(AuditSamples.report("2026-01-02T03:04:05Z", List.of(), List.of()))
                .replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 99");
        assertThatThrownBy(() -> AuditJson.read(new StringReader(newer), "new.json"))
                .hasMessageContaining("schema version 99");
    }

    @Test
    void mergeJoinsShards() {
        AuditReport a = new AuditReport(1, "2026-01-02T03:05:00Z", 10, "0/2", List.of(scanned("a")),
                List.of(finding("a", "r1", "x", "high", "warn", "m")));
        AuditReport b = new AuditReport(1, "2026-01-02T03:04:00Z", 30, "1/2", List.of(scanned("b"), failed("c")),
                List.of(finding("b", "r2", "y", "low", "audit", "m")));
        AuditReport merged = AuditJson.merge(List.of(a, b));
        assertThat(merged.repos()).extracting(RepoResult::name).containsExactly("a", "b", "c");
        assertThat(merged.findings()).hasSize(2);
        assertThat(merged.generatedAt()).isEqualTo("2026-01-02T03:04:00Z");
        assertThat(merged.elapsedMillis()).isEqualTo(30);
        assertThat(merged.shard()).isNull();
        assertThatThrownBy(() -> AuditJson.merge(List.of(a, a))).hasMessageContaining("'a'");
    }

    private static String write(AuditReport report) throws Exception {
        StringWriter w = new StringWriter();
        AuditJson.write(report, w);
        return w.toString();
    }
}
