package dev.guardrails.argocd.cmp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.config.ConfigLoader;
import dev.guardrails.scanner.config.GuardrailsConfig;
import dev.guardrails.scanner.discovery.AppDiscoverer;
import dev.guardrails.scanner.engine.AppResult;
import dev.guardrails.scanner.engine.AppTarget;
import dev.guardrails.scanner.engine.GuardrailsEngine;
import dev.guardrails.scanner.engine.ScanOptions;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.parse.ManifestParser;
import dev.guardrails.scanner.render.DirectoryOptions;
import dev.guardrails.scanner.render.DirectoryRenderer;
import dev.guardrails.scanner.render.HelmRenderer;
import dev.guardrails.scanner.render.KustomizeOptions;
import dev.guardrails.scanner.render.KustomizeRenderer;
import dev.guardrails.scanner.render.RenderLimits;
import dev.guardrails.scanner.render.RenderRequest;
import dev.guardrails.scanner.render.SourceType;
import dev.guardrails.scanner.render.ToolLocator;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rules.BuiltinRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our install must pass our own guardrails: the sidecar components (applied to a hardened stand-in
 * for argocd-repo-server) and the PreSync hook are rendered with kustomize and checked in enforce
 * mode with {@code manifests/.guardrails.yaml}.
 */
class InstallManifestsTest {

    private static final Path MANIFESTS = Path.of("manifests").toAbsolutePath();
    private static GuardrailsEngine engine;

    @TempDir
    Path repo;

    @BeforeAll
    static void engine() {
        ToolLocator tools = new ToolLocator();
        engine = new GuardrailsEngine(BuiltinRules.all(),
                List.of(new HelmRenderer(tools, RenderLimits.defaults()),
                        new KustomizeRenderer(tools, RenderLimits.defaults()), new DirectoryRenderer()),
                new ManifestParser(), new AppDiscoverer());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "install, '../manifests', guardrails-cmp",
            "install, '../manifests, ../manifests/fast-path', guardrails-server",
            "presync, '', scan"})
    void installPassesOwnGuardrailsInEnforceMode(String app, String components, String container) throws Exception {
        copyInstall(repo, components);
        AppResult result = evaluate(app.equals("presync") ? "manifests/presync" : "install");

        assertThat(result.report().failed()).as(result.report().error()).isFalse();
        assertThat(containerNames(result)).contains(container);
        List<Finding> blocking = result.findings().stream().filter(Finding::blocking).toList();
        assertThat(blocking).as(describe(blocking)).isEmpty();
    }

    @Test
    void aWeakenedSidecarIsBlocked() throws Exception {
        copyInstall(repo, "../manifests");
        Path patch = repo.resolve("manifests/repo-server-sidecar.yaml");
        Files.writeString(patch, Files.readString(patch)
                .replace("readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false")
                .replace("runAsNonRoot: true", "runAsNonRoot: false"));

        AppResult result = evaluate("install");

        assertThat(result.findings().stream().filter(Finding::blocking).map(Finding::ruleId))
                .contains("read-only-root-filesystem", "run-as-non-root");
    }

    @Test
    void everyRuleThatAppliesStaysOnInThePolicy() throws Exception {
        copyInstall(repo, "../manifests");
        GuardrailsConfig config = config();
        List<String> off = new ArrayList<>();
        for (RuleInfo rule : engine.ruleInfos()) {
            // Rules with a default mode (audit) stay at it unless the policy names them: on, but never blocking.
            if (rule.defaultMode() == null
                    && new dev.guardrails.scanner.config.PolicyResolver(config).modeFor(rule, java.util.Optional.empty())
                    != dev.guardrails.scanner.model.Mode.ENFORCE) {
                off.add(rule.category().id() + "/" + rule.id());
            }
        }
        assertThat(off).allMatch(r -> r.startsWith("availability/") || r.startsWith("networking/")
                || r.startsWith("namespaces/") || r.equals("images/image-digest-missing"));
    }

    private AppResult evaluate(String appPath) throws Exception {
        RenderRequest request = new RenderRequest(repo, appPath, SourceType.KUSTOMIZE, appPath, "argocd", null,
                KustomizeOptions.defaults(), DirectoryOptions.defaults());
        return engine.evaluate(new AppTarget(appPath, appPath, request), config(), ScanOptions.defaults());
    }

    private GuardrailsConfig config() throws Exception {
        return new ConfigLoader(engine.ruleInfos().stream().map(RuleInfo::id).collect(Collectors.toSet()))
                .loadFromRepo(repo);
    }


    private static List<String> containerNames(AppResult result) {
        List<String> names = new ArrayList<>();
        for (ManifestObject o : result.objects()) {
            for (JsonNode c : o.at("spec.template.spec.containers")) {
                names.add(c.path("name").asText());
            }
        }
        return names;
    }

    private static String describe(List<Finding> findings) {
        return findings.stream().map(f -> f.ruleId() + " " + f.object() + " " + f.path() + ": " + f.message())
                .collect(Collectors.joining("\n"));
    }

    /** The manifests dir at {@code manifests/} of a temp repo, its policy at the root, an install overlay. */
    static void copyInstall(Path repo, String components) throws IOException {
        try (Stream<Path> walk = Files.walk(MANIFESTS)) {
            for (Path p : walk.toList()) {
                Path target = repo.resolve("manifests").resolve(MANIFESTS.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Files.copy(MANIFESTS.resolve(".guardrails.yaml"), repo.resolve(".guardrails.yaml"));
        Path install = Files.createDirectories(repo.resolve("install"));
        try (var in = InstallManifestsTest.class.getResourceAsStream("/install/repo-server.yaml")) {
            Files.copy(in, install.resolve("repo-server.yaml"));
        }
        Files.writeString(install.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [repo-server.yaml]
                components: [%s]
                """.formatted(components));
    }
}
