package dev.guardrails.scanner.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.parse.ManifestParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real kubectl (kustomize built in), located like production does. */
class KustomizeRendererTest {

    private static KustomizeRenderer renderer;

    @TempDir
    Path tmp;

    private Path repo;

    @BeforeAll
    static void locateKubectl() throws RenderException {
        ToolLocator tools = new ToolLocator();
        tools.kubectl();
        renderer = new KustomizeRenderer(tools, RenderLimits.defaults());
    }

    @BeforeEach
    void copyRepo() throws Exception {
        repo = TestRepos.copy("render/kustomize-repo", tmp);
    }

    private RenderRequest request(String path, KustomizeOptions options) {
        return new RenderRequest(repo, path, SourceType.KUSTOMIZE, path, null, null, options, null);
    }

    @Test
    void rendersAnOverlayOverItsBaseWithComponentsPatchesAndGenerators() throws Exception {
        RenderOutput output = renderer.render(request("overlays/prod", KustomizeOptions.defaults()));

        assertThat(output.files()).singleElement().satisfies(file -> {
            assertThat(file.path()).isEqualTo("overlays/prod/kustomization.yaml");
            assertThat(file.exactLines()).isFalse();
        });
        List<ManifestObject> objects = new ManifestParser().parse(output.files().get(0).content(), "x");
        ManifestObject deployment = objects.stream().filter(o -> o.raw().path("kind").asText().equals("Deployment"))
                .findFirst().orElseThrow();
        assertThat(deployment.raw().at("/metadata/name").asText()).isEqualTo("prod-api");
        assertThat(deployment.raw().at("/metadata/namespace").asText()).isEqualTo("prod");
        assertThat(deployment.raw().at("/spec/replicas").asInt()).isEqualTo(4);
        assertThat(deployment.raw().at("/metadata/labels/team").asText()).isEqualTo("payments");
        assertThat(output.files().get(0).content()).contains("mode=prod");
        assertThat(output.toolVersion()).startsWith("kustomize v");
    }

    @Test
    void filesOutsideTheKustomizationRootNeedTheRelaxedLoadRestrictor() throws Exception {
        assertThatThrownBy(() -> renderer.render(request("overlays/shared-patch", KustomizeOptions.defaults())))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("kustomize")
                .hasMessageContaining("exit status 1")
                .hasMessageContaining("not in or below");

        RenderOutput output = renderer.render(request("overlays/shared-patch",
                new KustomizeOptions(List.of("--load-restrictor LoadRestrictionsNone"))));
        assertThat(output.files().get(0).content()).contains("replicas: 2");
    }

    @Test
    void remoteBasesAreRefusedBeforeKustomizeRuns() {
        assertThatThrownBy(() -> renderer.render(request("remote", KustomizeOptions.defaults())))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("resources entry 'github.com/example/platform//deploy/base?ref=v1.2.3'")
                .hasMessageContaining("remote");
        assertThatThrownBy(() -> renderer.render(request("remote-url", KustomizeOptions.defaults())))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("https://raw.githubusercontent.com/example/platform/main/deploy.yaml")
                .hasMessageContaining("remote");
    }

    @Test
    void pathsEscapingTheRepoAreRefusedEvenWithTheRelaxedRestrictor() throws Exception {
        Path outsideDir = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outsideDir.resolve("kustomization.yaml"), "resources: []\n");
        Path escape = Files.createDirectories(repo.resolve("escape"));
        Files.writeString(escape.resolve("kustomization.yaml"), "resources:\n  - ../../outside\n");
        KustomizeOptions relaxed = new KustomizeOptions(List.of("--load-restrictor=LoadRestrictionsNone"));

        assertThatThrownBy(() -> renderer.render(request("escape", relaxed)))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("resources entry '../../outside' in escape/kustomization.yaml")
                .hasMessageContaining("outside the repository");
    }

    @Test
    void symlinkedPatchLeadingOutIsRefused() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret.yaml"), "kind: Secret\n");
        Files.delete(repo.resolve("common/replicas.yaml"));
        Files.createSymbolicLink(repo.resolve("common/replicas.yaml"), secret);

        assertThatThrownBy(() -> renderer.render(request("overlays/shared-patch",
                new KustomizeOptions(List.of("--load-restrictor", "LoadRestrictionsNone")))))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("patches entry '../../common/replicas.yaml'")
                .hasMessageContaining("outside the repository");
    }

    @Test
    void escapeThroughABaseIsFoundTooAndAbsolutePathsAreChecked() throws Exception {
        Files.writeString(repo.resolve("base/kustomization.yaml"),
                "resources:\n  - deployment.yaml\n  - " + tmp.resolve("elsewhere.yaml") + "\n");

        assertThatThrownBy(() -> renderer.render(request("overlays/prod", KustomizeOptions.defaults())))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("in base/kustomization.yaml")
                .hasMessageContaining("outside the repository");
    }

    @Test
    void helmChartsAreRefusedUnlessEnabledAndRemoteChartsStayRefused() {
        assertThatThrownBy(() -> renderer.render(request("helm-inflate", KustomizeOptions.defaults())))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("helmCharts entry 'redis'")
                .hasMessageContaining("--enable-helm").hasMessageNotContaining("KustomizeOptions");
        assertThatThrownBy(() -> renderer.render(request("helm-inflate", new KustomizeOptions(List.of(), false, true))))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("helmCharts entry 'https://charts.example.com'")
                .hasMessageContaining("remote");
    }

    @Test
    void unsafeBuildOptionsAreRefused() {
        for (String option : List.of("--enable-alpha-plugins", "--enable-exec", "--network",
                "--helm-command /bin/sh", "--mount type=bind,src=/,dst=/x", "--load-restrictor Whatever")) {
            assertThatThrownBy(() -> renderer.render(request("overlays/prod", new KustomizeOptions(List.of(option)))))
                    .as(option)
                    .isInstanceOf(RenderException.class);
        }
        assertThatThrownBy(() -> renderer.render(request("overlays/prod",
                new KustomizeOptions(List.of("--enable-helm")))))
                .hasMessageContaining("--enable-helm").hasMessageNotContaining("KustomizeOptions");
    }

    @Test
    void missingKustomizationAndMissingReferencesFailClearly() throws Exception {
        Files.createDirectories(repo.resolve("plain"));
        assertThatThrownBy(() -> renderer.render(request("plain", KustomizeOptions.defaults())))
                .hasMessageContaining("no kustomization.yaml");
        Files.writeString(repo.resolve("base/kustomization.yaml"), "resources:\n  - gone.yaml\n");
        assertThatThrownBy(() -> renderer.render(request("base", KustomizeOptions.defaults())))
                .hasMessageContaining("resources entry 'gone.yaml' in base/kustomization.yaml does not exist");
    }
}
