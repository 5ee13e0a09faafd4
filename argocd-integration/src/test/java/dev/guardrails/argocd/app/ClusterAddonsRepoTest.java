package dev.guardrails.argocd.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.config.ConfigLoader;
import dev.guardrails.scanner.config.GuardrailsConfig;
import dev.guardrails.scanner.discovery.AppDiscoverer;
import dev.guardrails.scanner.engine.AppTarget;
import dev.guardrails.scanner.engine.GuardrailsEngine;
import dev.guardrails.scanner.engine.ScanOptions;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A vendored cluster-addons repo: a clusters x list matrix over a cluster list in .guardrails.yaml
 * and a cluster Secret in the repo, a templatePatch, and a second ApplicationSet that generates some
 * of the same Application names.
 */
class ClusterAddonsRepoTest {

    private static final Path FIXTURE = Path.of("src/test/resources/realworld/addons");

    private final GuardrailsEngine engine = new GuardrailsEngine(BuiltinRules.all(),
            List.of(new HelmRenderer(), new KustomizeRenderer(), new DirectoryRenderer()), new ManifestParser(),
            new AppDiscoverer());

    @TempDir
    Path repo;

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

    @Test
    void clusterGeneratorTemplatePatchAndNameCollisions() throws Exception {
        GuardrailsConfig policy = new ConfigLoader(engine.ruleInfos().stream().map(RuleInfo::id)
                .collect(Collectors.toSet())).loadFromRepo(repo);
        List<String> notes = new ArrayList<>();
        try (RepoScan.Targets t = new RepoScan(engine).targets(repo, "", policy, new ScanOptions(null, 1, null),
                RepoScan.Apps.ARGOCD, List.of(), notes::add)) {
            Map<String, AppTarget> byName = t.targets().stream()
                    .collect(Collectors.toMap(AppTarget::name, Function.identity()));

            assertThat(byName.keySet()).as("prod clusters (the policy's and the repo's Secret) x addons; "
                    + "the selector-less set adds in-cluster and staging").containsExactlyInAnyOrder(
                    "metrics-server-us-prod", "cert-manager-us-prod",
                    "metrics-server-eu-prod", "cert-manager-eu-prod",
                    "metrics-server-in-cluster", "metrics-server-staging");
            assertThat(byName.get("cert-manager-eu-prod").request().appPath()).isEqualTo("addons/cert-manager");

            var apps = t.plan().applications().stream().map(ApplicationPlan.PlannedApp::name).toList();
            assertThat(apps).hasSize(6);
            assertThat(notes).as("the second ApplicationSet loses both names it shares, and says so")
                    .filteredOn(n -> n.contains("refuses to update an Application it does not own"))
                    .hasSize(2)
                    .allMatch(n -> n.startsWith("guardrails: skipped: ") && n.contains("ApplicationSet 'everywhere'")
                            && n.contains("ApplicationSet 'addons'"));
            assertThat(String.join("\n", notes)).doesNotContain("bearerToken").doesNotContain("redacted");
        }
    }

    @Test
    void templatePatchIsApplied() throws Exception {
        var walk = new ApplicationPlanner(null, AppSetExpander.NONE, url -> true).walk(repo, List.of());
        var appSet = walk.manifests().get(0).manifest();
        var clusters = dev.guardrails.argocd.appset.ClusterSecrets.find(repo, walk.markedFiles(),
                List.of(new dev.guardrails.scanner.config.ClusterConfig("us-prod", "https://us-prod.example.com", "",
                        Map.of("env", "prod"), Map.of())));
        var expansion = new dev.guardrails.argocd.appset.ApplicationSetExpander(repo, url -> true, clusters)
                .expand(appSet);

        assertThat(expansion.problems()).isEmpty();
        var byName = expansion.applications().stream()
                .collect(Collectors.toMap(a -> a.path("metadata").path("name").asText(), Function.identity()));
        var certManager = byName.get("cert-manager-eu-prod");
        assertThat(certManager.at("/spec/syncPolicy/automated/prune").asBoolean()).isTrue();
        assertThat(certManager.at("/spec/ignoreDifferences/0/kind").asText()).isEqualTo("ValidatingWebhookConfiguration");
        assertThat(certManager.at("/spec/destination/server").asText()).isEqualTo("https://eu-prod.example.com");
        assertThat(certManager.at("/metadata/namespace").asText()).isEqualTo("argocd");
        assertThat(byName.get("metrics-server-us-prod").at("/spec/ignoreDifferences").isMissingNode()).isTrue();
    }
}
