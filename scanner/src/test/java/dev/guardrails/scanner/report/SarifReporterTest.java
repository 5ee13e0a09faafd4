package dev.guardrails.scanner.report;

import static dev.guardrails.scanner.report.ReportSamples.render;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.ScanReport;
import dev.guardrails.scanner.model.SourceSpan;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SarifReporterTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static List<Error> validate(String json) {
        return SarifSchema.validate(json);
    }

    private static String sarif(ScanReport report) {
        return render(new SarifReporter("1.2.3", "https://example.com/guardrails"), report);
    }

    private static JsonNode run(ScanReport report) throws Exception {
        return MAPPER.readTree(sarif(report)).get("runs").get(0);
    }

    private static JsonNode find(JsonNode results, String ruleId) {
        for (JsonNode r : results) {
            if (r.get("ruleId").asText().equals(ruleId) && !r.has("suppressions")) {
                return r;
            }
        }
        throw new AssertionError("no active result for " + ruleId);
    }

    @Test
    void sampleIsValidSarif() {
        assertThat(validate(sarif(ReportSamples.sample()))).isEmpty();
    }

    @Test
    void cleanAndEmptyReportsAreValidSarif() {
        assertThat(validate(sarif(ReportSamples.clean()))).isEmpty();
        assertThat(validate(sarif(ReportSamples.withFindings(List.of())))).isEmpty();
        assertThat(validate(render(new SarifReporter(), ReportSamples.sample()))).isEmpty();
    }

    @Test
    void schemaCheckRejectsBrokenSarif() throws Exception {
        // Guards the test itself: the validator must really apply the schema.
        ObjectNode root = (ObjectNode) MAPPER.readTree(sarif(ReportSamples.sample()));
        ((ObjectNode) root.get("runs").get(0).get("results").get(0)).put("level", "fatal");
        ((ObjectNode) root.get("runs").get(0).get("results").get(1)).put("colour", "red");
        assertThat(validate(MAPPER.writeValueAsString(root))).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void driverDescribesEveryRule() throws Exception {
        JsonNode root = MAPPER.readTree(sarif(ReportSamples.sample()));
        assertThat(root.get("version").asText()).isEqualTo("2.1.0");
        assertThat(root.get("runs")).hasSize(1);
        JsonNode driver = root.get("runs").get(0).get("tool").get("driver");
        assertThat(driver.get("name").asText()).isEqualTo("gitops-guardrails");
        assertThat(driver.get("version").asText()).isEqualTo("1.2.3");
        assertThat(driver.get("informationUri").asText()).isEqualTo("https://example.com/guardrails");
        JsonNode rules = driver.get("rules");
        assertThat(rules).hasSize(ReportSamples.RULES.size());
        for (int i = 0; i < rules.size(); i++) {
            assertThat(rules.get(i).get("id").asText()).isEqualTo(ReportSamples.RULES.get(i).id());
        }
        JsonNode latest = rules.get(0);
        assertThat(latest.get("name").asText()).isEqualTo("LatestTag");
        assertThat(latest.get("shortDescription").get("text").asText()).isEqualTo(ReportSamples.LATEST_TAG.title());
        assertThat(latest.get("fullDescription").get("text").asText()).isEqualTo(ReportSamples.LATEST_TAG.rationale());
        assertThat(latest.get("help").get("text").asText()).isEqualTo(ReportSamples.LATEST_TAG.remediation());
        assertThat(latest.get("help").get("markdown").asText()).isEqualTo(ReportSamples.LATEST_TAG.remediation());
        assertThat(latest.get("properties").get("category").asText()).isEqualTo("images");
        assertThat(latest.get("properties").get("tags").toString()).contains("\"images\"", "\"security\"");
        assertThat(rules.get(1).get("properties").get("tags").toString()).contains("\"pod-security-restricted\"");
        assertThat(rules.get(2).get("properties").get("tags").toString()).doesNotContain("\"security\"");
    }

    @ParameterizedTest
    @CsvSource({"0, error, 7.5", "2, warning, 5.0", "3, note, 2.0", "4, error, 9.5"})
    void ruleLevelAndSecuritySeverityFollowSeverity(int index, String level, String securitySeverity) throws Exception {
        JsonNode rule = run(ReportSamples.sample()).get("tool").get("driver").get("rules").get(index);
        assertThat(rule.get("defaultConfiguration").get("level").asText()).isEqualTo(level);
        assertThat(rule.get("properties").get("security-severity").asText()).isEqualTo(securitySeverity);
    }

    @Test
    void resultsPointAtTheirRuleAndLocation() throws Exception {
        JsonNode run = run(ReportSamples.sample());
        JsonNode rules = run.get("tool").get("driver").get("rules");
        JsonNode results = run.get("results");
        assertThat(results).hasSize(6);
        for (JsonNode r : results) {
            assertThat(rules.get(r.get("ruleIndex").asInt()).get("id").asText()).isEqualTo(r.get("ruleId").asText());
        }
        JsonNode web = find(results, "run-as-non-root");
        assertThat(web.get("level").asText()).isEqualTo("warning");
        assertThat(web.get("message").get("text").asText()).isEqualTo("pod may run containers as root");
        JsonNode physical = web.get("locations").get(0).get("physicalLocation");
        assertThat(physical.get("artifactLocation").get("uri").asText()).isEqualTo("apps/shop/deployment.yaml");
        assertThat(physical.get("artifactLocation").get("uriBaseId").asText()).isEqualTo("%SRCROOT%");
        assertThat(physical.get("region").get("startLine").asInt()).isEqualTo(18);
        JsonNode logical = web.get("locations").get(0).get("logicalLocations").get(0);
        assertThat(logical.get("name").asText()).isEqualTo("web");
        assertThat(logical.get("fullyQualifiedName").asText()).isEqualTo("apps/shop:Deployment/shop/web");
        assertThat(web.get("partialFingerprints").get("guardrails/v1").asText())
                .isEqualTo("run-as-non-root|apps/shop|Deployment/shop/web|spec.template.spec.securityContext");

        assertThat(find(results, "latest-tag").get("level").asText()).isEqualTo("error");
        assertThat(find(results, "missing-probes").get("level").asText()).isEqualTo("note");
        assertThat(find(results, "render-failed").get("level").asText()).isEqualTo("error");
    }

    @Test
    void unknownLineHasNoRegion() throws Exception {
        JsonNode failed = find(run(ReportSamples.sample()).get("results"), "render-failed");
        JsonNode physical = failed.get("locations").get(0).get("physicalLocation");
        assertThat(physical.get("artifactLocation").get("uri").asText()).isEqualTo("apps/payments");
        assertThat(physical.has("region")).isFalse();
    }

    @Test
    void exemptedFindingIsAnExternalSuppression() throws Exception {
        JsonNode suppressed = null;
        for (JsonNode r : run(ReportSamples.sample()).get("results")) {
            if (r.has("suppressions")) {
                assertThat(suppressed).as("only one suppressed result").isNull();
                suppressed = r;
            }
        }
        assertThat(suppressed).isNotNull();
        assertThat(suppressed.get("ruleId").asText()).isEqualTo("latest-tag");
        JsonNode suppression = suppressed.get("suppressions").get(0);
        assertThat(suppression.get("kind").asText()).isEqualTo("external");
        assertThat(suppression.get("justification").asText()).isEqualTo("Upstream publishes no tags (SHOP-42)");
        assertThat(suppression.get("properties").get("owner").asText()).isEqualTo("team-shop");
        assertThat(suppression.get("properties").get("expires").asText()).isEqualTo("2025-06-30");
    }

    @Test
    void runDescribesSourceRootRevisionAndRenderFailures() throws Exception {
        JsonNode run = run(ReportSamples.sample());
        assertThat(run.get("originalUriBaseIds").get("%SRCROOT%").get("description").get("text").asText())
                .contains("https://git.example.com/acme/deploy.git");
        JsonNode provenance = run.get("versionControlProvenance").get(0);
        assertThat(provenance.get("repositoryUri").asText()).isEqualTo("https://git.example.com/acme/deploy.git");
        assertThat(provenance.get("revisionId").asText()).isEqualTo(ReportSamples.REVISION);
        JsonNode invocation = run.get("invocations").get(0);
        assertThat(invocation.get("executionSuccessful").asBoolean()).isFalse();
        assertThat(invocation.get("startTimeUtc").asText()).isEqualTo("2025-03-01T09:30:00Z");
        assertThat(invocation.get("endTimeUtc").asText()).isEqualTo("2025-03-01T09:30:01.234Z");
        assertThat(invocation.get("toolExecutionNotifications").get(0).get("message").get("text").asText())
                .contains("apps/payments", "helm template failed");
    }

    @Test
    void localTargetBecomesAFileUriBase() throws Exception {
        JsonNode run = run(ReportSamples.clean());
        assertThat(run.get("originalUriBaseIds").get("%SRCROOT%").get("uri").asText()).isEqualTo("file:///repos/acme/");
        assertThat(run.has("versionControlProvenance")).isFalse();
        assertThat(run.get("invocations").get(0).get("executionSuccessful").asBoolean()).isTrue();
    }

    @Test
    void awkwardFileNamesBecomeValidRelativeUris() {
        Finding spaced = ReportSamples.finding(ReportSamples.LATEST_TAG, Mode.ENFORCE, "apps/shop", ReportSamples.WEB,
                "apps/my shop/dé ploy#1.yaml", 3, "", "x");
        Finding colon = ReportSamples.finding(ReportSamples.LATEST_TAG, Mode.WARN, "apps/shop", ReportSamples.WORKER,
                "c:odd/file.yaml", 4, "", "y");
        assertThat(validate(sarif(ReportSamples.withFindings(List.of(spaced, colon))))).isEmpty();
        assertThat(SarifReporter.relativeUri("apps/my shop/dé ploy#1.yaml")).isEqualTo("apps/my%20shop/d%C3%A9%20ploy%231.yaml");
        assertThat(SarifReporter.relativeUri("c:odd/file.yaml")).isEqualTo("./c:odd/file.yaml");
        assertThat(SarifReporter.relativeUri("/abs/file.yaml")).isEqualTo("abs/file.yaml");
    }

    @Test
    void findingOfAnUndescribedRuleGetsADescriptor() throws Exception {
        Finding orphan = new Finding("expired-exemption", "Exemption has expired", null, null, Mode.WARN, "apps/shop",
                ReportSamples.WEB, new SourceSpan(".guardrails.yaml", 9, 0), "",
                "exemption for latest-tag expired on 2025-01-01", null, null);
        String out = sarif(ReportSamples.withFindings(List.of(orphan)));
        assertThat(validate(out)).isEmpty();
        JsonNode run = MAPPER.readTree(out).get("runs").get(0);
        int index = run.get("results").get(0).get("ruleIndex").asInt();
        assertThat(index).isEqualTo(ReportSamples.RULES.size());
        assertThat(run.get("tool").get("driver").get("rules").get(index).get("id").asText()).isEqualTo("expired-exemption");
    }
}
