package dev.guardrails.scanner.rules.cel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.config.ConfigLoader;
import dev.guardrails.scanner.config.GuardrailsConfig;
import dev.guardrails.scanner.discovery.AppDiscoverer;
import dev.guardrails.scanner.engine.GuardrailsEngine;
import dev.guardrails.scanner.engine.ScanOptions;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.ScanReport;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.parse.ManifestParser;
import dev.guardrails.scanner.render.DirectoryRenderer;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rules.BuiltinRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A custom CEL rule in a real scan: modes, exemptions, locations and the report's rule list. */
class CelCheckEngineTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: %s
              namespace: shop
              labels:
                team: %s
            spec:
              replicas: 1
            """;

    private static final String POLICY = """
            mode: audit
            customRules:
              - id: team-label-format
                title: Team label is not a known team
                severity: high
                kinds: [Deployment]
                expression: "has(object.metadata.labels.team) && object.metadata.labels.team in ['payments', 'search']"
                message: team label must name a known team
                path: metadata.labels.team
                remediation: Set metadata.labels.team to one of payments, search.
            rules:
              team-label-format: enforce
            exemptions:
              - rule: team-label-format
                match: {name: legacy}
                owner: platform
                reason: being migrated
                expires: 2030-01-01
            """;

    @TempDir
    Path repo;

    private final GuardrailsEngine engine = new GuardrailsEngine(BuiltinRules.all(), List.of(new DirectoryRenderer()),
            new ManifestParser(), new AppDiscoverer());
    private final ScanOptions options = new ScanOptions(null, 2,
            Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC));

    private GuardrailsConfig policy(String yaml) throws Exception {
        return new ConfigLoader(engine.ruleInfos().stream().map(RuleInfo::id).collect(Collectors.toSet()))
                .parse(yaml, ".guardrails.yaml");
    }

    private List<Finding> custom(ScanReport report) {
        return report.findings().stream().filter(f -> f.ruleId().equals("team-label-format")).toList();
    }

    @Test
    void aCustomRuleInEnforceModeBlocksAtItsPathAndHonoursExemptions() throws Exception {
        Files.createDirectories(repo.resolve("shop"));
        Files.writeString(repo.resolve("shop/good.yaml"), DEPLOYMENT.formatted("good", "payments"));
        Files.writeString(repo.resolve("shop/bad.yaml"), "# a comment first\n" + DEPLOYMENT.formatted("bad", "marketing"));
        Files.writeString(repo.resolve("shop/legacy.yaml"), DEPLOYMENT.formatted("legacy", "unknown"));

        ScanReport report = engine.scan(repo, "t", "", policy(POLICY), options);

        List<Finding> findings = custom(report);
        assertThat(findings).extracting(f -> f.object().name()).containsExactlyInAnyOrder("bad", "legacy");
        Finding bad = findings.stream().filter(f -> f.object().name().equals("bad")).findFirst().orElseThrow();
        assertThat(bad.mode()).isEqualTo(Mode.ENFORCE);
        assertThat(bad.severity()).isEqualTo(Severity.HIGH);
        assertThat(bad.blocking()).isTrue();
        assertThat(bad.app()).isEqualTo("shop");
        assertThat(bad.message()).isEqualTo("team label must name a known team");
        assertThat(bad.remediation()).isEqualTo("Set metadata.labels.team to one of payments, search.");
        assertThat(bad.location().file()).isEqualTo("shop/bad.yaml");
        assertThat(bad.location().line()).isEqualTo(8); // `team: marketing`, after the comment line
        Finding legacy = findings.stream().filter(f -> f.object().name().equals("legacy")).findFirst().orElseThrow();
        assertThat(legacy.exempted()).isTrue();
        assertThat(legacy.blocking()).isFalse();
        assertThat(report.blocking()).contains(bad).doesNotContain(legacy);

        assertThat(report.rules()).extracting(RuleInfo::id).contains("team-label-format", "latest-tag");
        assertThat(engine.ruleInfos()).extracting(RuleInfo::id).doesNotContain("team-label-format");
    }

    @Test
    void theAppVariableIsTheAppName() throws Exception {
        Files.createDirectories(repo.resolve("payments"));
        Files.createDirectories(repo.resolve("search"));
        Files.writeString(repo.resolve("payments/d.yaml"), DEPLOYMENT.formatted("d", "payments"));
        Files.writeString(repo.resolve("search/d.yaml"), DEPLOYMENT.formatted("d", "payments"));
        GuardrailsConfig config = policy("""
                customRules:
                  - id: team-owns-app
                    title: Object belongs to another team
                    kinds: [Deployment]
                    expression: "object.metadata.labels.team == app"
                    remediation: Label objects with the team that owns the app.
                """);

        ScanReport report = engine.scan(repo, "t", "", config, options);

        assertThat(report.findings()).filteredOn(f -> f.ruleId().equals("team-owns-app"))
                .extracting(Finding::app).containsExactly("search");
    }

    @Test
    void aCustomRuleTurnedOffDoesNotRun() throws Exception {
        Files.createDirectories(repo.resolve("shop"));
        Files.writeString(repo.resolve("shop/bad.yaml"), DEPLOYMENT.formatted("bad", "marketing"));

        ScanReport report = engine.scan(repo, "t", "", policy(POLICY.replace("team-label-format: enforce",
                "team-label-format: off")), options);

        assertThat(custom(report)).isEmpty();
        assertThat(report.rules()).extracting(RuleInfo::id).contains("team-label-format");
    }
}
