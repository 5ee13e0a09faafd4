package dev.guardrails.scanner.report;

import static dev.guardrails.scanner.report.ReportSamples.render;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonReporterTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode sample() throws Exception {
        return MAPPER.readTree(render(new JsonReporter(), ReportSamples.sample()));
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static JsonNode finding(JsonNode root, String ruleId) {
        for (JsonNode f : root.get("findings")) {
            if (f.get("ruleId").asText().equals(ruleId) && f.get("exemption").isNull()) {
                return f;
            }
        }
        throw new AssertionError("no active finding for " + ruleId);
    }

    @Test
    void topLevelFieldsInDocumentedOrder() throws Exception {
        JsonNode root = sample();
        assertThat(keys(root)).containsExactly("schemaVersion", "target", "revision", "startedAt", "elapsedMillis",
                "summary", "coverage", "apps", "findings");
        assertThat(root.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(root.get("target").asText()).isEqualTo("https://git.example.com/acme/deploy.git");
        assertThat(root.get("revision").asText()).isEqualTo(ReportSamples.REVISION);
        assertThat(root.get("startedAt").asText()).isEqualTo("2025-03-01T09:30:00Z");
        assertThat(root.get("elapsedMillis").asLong()).isEqualTo(1234);
    }

    @Test
    void summaryCountsActiveFindings() throws Exception {
        JsonNode summary = sample().get("summary");
        assertThat(keys(summary)).containsExactly("apps", "objects", "findings", "blocking", "bySeverity", "byMode",
                "exempted", "renderFailures");
        assertThat(summary.get("apps").asInt()).isEqualTo(3);
        assertThat(summary.get("objects").asInt()).isEqualTo(8);
        assertThat(summary.get("findings").asInt()).isEqualTo(5);
        assertThat(summary.get("blocking").asInt()).isEqualTo(2);
        assertThat(summary.get("exempted").asInt()).isEqualTo(1);
        assertThat(summary.get("renderFailures").asInt()).isEqualTo(1);
        JsonNode byMode = summary.get("byMode");
        assertThat(keys(byMode)).containsExactly("enforce", "warn", "audit");
        assertThat(byMode.get("enforce").asInt()).isEqualTo(2);
        assertThat(byMode.get("warn").asInt()).isEqualTo(2);
        assertThat(byMode.get("audit").asInt()).isEqualTo(1);
        JsonNode bySeverity = summary.get("bySeverity");
        assertThat(keys(bySeverity)).containsExactly("critical", "high", "medium", "low");
        assertThat(bySeverity.get("critical").asInt()).isEqualTo(1);
        assertThat(bySeverity.get("high").asInt()).isEqualTo(2); // the exempted high finding is not counted
        assertThat(bySeverity.get("medium").asInt()).isEqualTo(1);
        assertThat(bySeverity.get("low").asInt()).isEqualTo(1);
    }

    @Test
    void appsCarryTheirCountsAndRenderError() throws Exception {
        JsonNode apps = sample().get("apps");
        assertThat(apps).hasSize(3);
        JsonNode shop = apps.get(0);
        assertThat(keys(shop)).containsExactly("name", "path", "type", "objects", "renderMillis", "error",
                "findings", "exempted");
        assertThat(shop.get("name").asText()).isEqualTo("apps/shop");
        assertThat(shop.get("objects").asInt()).isEqualTo(5);
        assertThat(shop.get("findings").asInt()).isEqualTo(4);
        assertThat(shop.get("exempted").asInt()).isEqualTo(1);
        assertThat(shop.get("error").isNull()).isTrue();
        JsonNode payments = apps.get(1);
        assertThat(payments.get("type").asText()).isEqualTo("helm");
        assertThat(payments.get("error").asText()).startsWith("helm template failed");
        assertThat(payments.get("findings").asInt()).isEqualTo(1);
        assertThat(apps.get(2).get("findings").asInt()).isZero();
    }

    @Test
    void findingsIncludeExemptedOnesWithTheirExemption() throws Exception {
        JsonNode findings = sample().get("findings");
        assertThat(findings).hasSize(6);
        List<JsonNode> exempted = new ArrayList<>();
        for (JsonNode f : findings) {
            assertThat(keys(f)).containsExactly("ruleId", "title", "category", "severity", "mode", "app", "object",
                    "file", "line", "path", "message", "remediation", "fingerprint", "exemption");
            if (!f.get("exemption").isNull()) {
                exempted.add(f);
            }
        }
        assertThat(exempted).hasSize(1);
        JsonNode worker = exempted.get(0);
        assertThat(worker.get("ruleId").asText()).isEqualTo("latest-tag");
        assertThat(worker.get("object").get("name").asText()).isEqualTo("worker");
        JsonNode exemption = worker.get("exemption");
        assertThat(keys(exemption)).containsExactly("owner", "reason", "expires", "source");
        assertThat(exemption.get("owner").asText()).isEqualTo("team-shop");
        assertThat(exemption.get("reason").asText()).isEqualTo("Upstream publishes no tags (SHOP-42)");
        assertThat(exemption.get("expires").asText()).isEqualTo("2025-06-30");
        assertThat(exemption.get("source").asText()).isEqualTo(".guardrails.yaml:7");
    }

    @Test
    void findingFieldsUseKebabIdsAndFingerprint() throws Exception {
        JsonNode root = sample();
        // Report order: apps/payments sorts before apps/shop.
        assertThat(root.get("findings").get(0).get("ruleId").asText()).isEqualTo("render-failed");
        assertThat(root.get("findings").get(0).get("line").asInt()).isZero();
        JsonNode web = finding(root, "run-as-non-root");
        assertThat(web.get("category").asText()).isEqualTo("pod-security");
        assertThat(web.get("severity").asText()).isEqualTo("high");
        assertThat(web.get("mode").asText()).isEqualTo("warn");
        assertThat(web.get("object").get("apiVersion").asText()).isEqualTo("apps/v1");
        assertThat(web.get("object").get("kind").asText()).isEqualTo("Deployment");
        assertThat(web.get("object").get("namespace").asText()).isEqualTo("shop");
        assertThat(web.get("file").asText()).isEqualTo("apps/shop/deployment.yaml");
        assertThat(web.get("line").asInt()).isEqualTo(18);
        assertThat(web.get("remediation").asText()).isEqualTo(ReportSamples.RUN_AS_NON_ROOT.remediation());
        assertThat(web.get("fingerprint").asText())
                .isEqualTo("run-as-non-root|apps/shop|Deployment/shop/web|spec.template.spec.securityContext");
    }

    @Test
    void outputIsDeterministicAndPlatformIndependent() {
        String once = render(new JsonReporter(), ReportSamples.sample());
        String twice = render(new JsonReporter(), ReportSamples.sample());
        assertThat(once).isEqualTo(twice).doesNotContain("\r").endsWith("}\n").contains("\n  \"summary\"");
    }
}
