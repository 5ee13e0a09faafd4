package dev.guardrails.scanner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.config.ConfigLoader;
import dev.guardrails.scanner.config.GuardrailsConfig;
import dev.guardrails.scanner.discovery.AppDiscoverer;
import dev.guardrails.scanner.model.AppReport;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.ScanReport;
import dev.guardrails.scanner.parse.ManifestParser;
import dev.guardrails.scanner.render.DirectoryRenderer;
import dev.guardrails.scanner.render.HelmRenderer;
import dev.guardrails.scanner.render.KustomizeRenderer;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rules.BuiltinRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A vendored repo shaped like public platform repos (bitnami-style chart with a library
 * dependency, env and ci values, generated secrets, a helm test hook, a random-suffix Job; kustomize
 * components used by an overlay), scanned with the real helm and kustomize.
 */
class RealWorldShapesTest {

    private static final Path FIXTURE = Path.of("src/test/resources/realworld/platform-repo");

    @TempDir
    Path repo;

    private final GuardrailsEngine engine = new GuardrailsEngine(BuiltinRules.all(),
            List.of(new HelmRenderer(), new KustomizeRenderer(), new DirectoryRenderer()),
            new ManifestParser(), new AppDiscoverer());
    private final ScanOptions options = new ScanOptions(null, 2,
            Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC));

    @BeforeEach
    void copy() throws IOException {
        try (Stream<Path> files = Files.walk(FIXTURE)) {
            for (Path from : files.toList()) {
                Path to = repo.resolve(FIXTURE.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private GuardrailsConfig policy(String yaml) throws Exception {
        return new ConfigLoader(engine.ruleInfos().stream().map(RuleInfo::id).collect(Collectors.toSet()))
                .parse(yaml, ".guardrails.yaml");
    }

    private ScanReport scan(String policy) throws Exception {
        List<String> notes = new ArrayList<>();
        GuardrailsConfig config = policy(policy);
        ScanReport report = engine.scan(engine.discover(repo, config, notes::add), "repo", "", config, options);
        assertThat(notes).as("used components and bases are silent; the library chart is noted")
                .containsExactly("charts/common: library chart (type: library): Helm does not install library charts;"
                        + " it is checked through the charts that depend on it");
        return report;
    }

    @Test
    void rendersWhatArgoCdRendersAndSkipsWhatItSkips() throws Exception {
        ScanReport report = scan("charts:\n  variants: [default, env, ci]\n");

        assertThat(report.apps()).extracting(AppReport::name).containsExactly(
                "charts/web", "charts/web@ci/hpa-values", "charts/web@prod", "overlays/prod");
        assertThat(report.apps()).allSatisfy(a -> assertThat(a.error()).as(a.name()).isNull());
        assertThat(report.findings()).extracting(Finding::ruleId).doesNotContain("render-failed");
        assertThat(report.findings()).as("the helm test hook is never applied, so never checked")
                .noneMatch(f -> f.object().name().endsWith("test-connection"));
        assertThat(report.findings()).as("the overlay's pdb component counts")
                .noneMatch(f -> f.app().equals("overlays/prod") && f.ruleId().equals("pdb-missing"));
        List<String> namespaceGaps = report.findings().stream()
                .filter(f -> Set.of("network-policy-missing", "limit-range-missing", "resource-quota-missing")
                        .contains(f.ruleId()))
                .map(f -> f.ruleId() + " " + f.object().namespace()).toList();
        assertThat(namespaceGaps).as("one finding per namespace, not per app or object").containsExactlyInAnyOrder(
                "network-policy-missing default", "limit-range-missing default", "resource-quota-missing default",
                "network-policy-missing api", "limit-range-missing api", "resource-quota-missing api");
        assertThat(report.findings()).filteredOn(f -> f.ruleId().equals("limit-range-missing")
                && f.object().namespace().equals("default")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("also deployed to by charts/web@ci/hpa-values, charts/web@prod"));
        assertThat(report.findings()).as("the ci values turn the HPA on: that variant is really rendered")
                .anyMatch(f -> f.app().equals("charts/web@ci/hpa-values") && f.ruleId().equals("pdb-missing")
                        && f.message().contains("runs 2 replicas"))
                .noneMatch(f -> f.app().equals("charts/web") && f.ruleId().equals("pdb-missing"));
    }

    @Test
    void onlyCommittedSecretMaterialIsFlagged() throws Exception {
        List<Finding> secrets = scan("charts:\n  variants: [default]\n").findings().stream()
                .filter(f -> f.ruleId().equals("plaintext-secret")).toList();

        assertThat(secrets).as("genCA/genSignedCert output and the randAlphaNum password are not in Git")
                .singleElement().satisfies(f -> {
                    assertThat(f.object().name()).isEqualTo("web-web-auth");
                    assertThat(f.message()).contains("api-key").doesNotContain("password");
                });
    }

    @Test
    void anUnchangedRepoAuditsAsNothingNewNothingFixed() throws Exception {
        Files.writeString(repo.resolve(".guardrails.yaml"), "charts:\n  variants: [default, env, ci]\n");
        var runner = dev.guardrails.scanner.audit.AuditRunner.of(engine, options,
                new dev.guardrails.scanner.audit.AuditRunner.Options(1, java.time.Duration.ofMinutes(5),
                        java.util.Optional.empty(), Clock.systemUTC()));
        var repos = List.of(new dev.guardrails.scanner.audit.AuditRepo("platform", repo.toString(), null, "team"));
        var first = runner.run(repos, null, dev.guardrails.scanner.audit.AuditProgress.NONE);
        var second = runner.run(repos, null, dev.guardrails.scanner.audit.AuditProgress.NONE);

        var trend = dev.guardrails.scanner.audit.AuditTrend.compare(second, first);
        assertThat(first.active()).anyMatch(f -> f.kind().equals("Job"));
        assertThat(trend.added()).isEmpty();
        assertThat(trend.fixed()).isEmpty();
    }

    @Test
    void findingIdentityIgnoresGeneratedNames() throws Exception {
        ScanReport first = scan("charts:\n  variants: [default]\n");
        ScanReport second = scan("charts:\n  variants: [default]\n");

        Set<String> a = first.findings().stream().map(Finding::fingerprint).collect(Collectors.toSet());
        Set<String> b = second.findings().stream().map(Finding::fingerprint).collect(Collectors.toSet());
        assertThat(a).isEqualTo(b);
        assertThat(first.findings()).filteredOn(f -> f.object().kind().equals("Job"))
                .isNotEmpty().allSatisfy(f -> assertThat(f.object().name()).isEqualTo("web-web-migrate-*"));
    }
}
