package dev.guardrails.scanner.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.parse.ManifestParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real helm binary (located like production does; missing helm fails the test). */
class HelmRendererTest {

    private static HelmRenderer renderer;

    @TempDir
    Path tmp;

    private Path repo;

    @BeforeAll
    static void locateHelm() throws RenderException {
        ToolLocator tools = new ToolLocator();
        tools.helm();
        renderer = new HelmRenderer(tools, RenderLimits.defaults());
    }

    @BeforeEach
    void copyRepo() throws Exception {
        repo = TestRepos.copy("render/helm-repo", tmp);
    }

    private RenderRequest request(String path, String appName, String namespace, HelmOptions helm) {
        return new RenderRequest(repo, path, SourceType.HELM, appName, namespace, helm, null, null);
    }

    private static HelmOptions options(List<String> valueFiles, String valuesYaml, List<HelmParameter> parameters,
                                       List<HelmFileParameter> fileParameters, boolean skipCrds,
                                       boolean ignoreMissing) {
        return new HelmOptions(null, valueFiles, valuesYaml, parameters, fileParameters, skipCrds, false, false,
                ignoreMissing, null, List.of());
    }

    private static List<ManifestObject> parse(RenderOutput output) throws Exception {
        ManifestParser parser = new ManifestParser();
        List<ManifestObject> objects = new ArrayList<>();
        for (RenderedFile file : output.files()) {
            objects.addAll(parser.parse(file.content(), file.path()));
        }
        return objects;
    }

    private static ManifestObject find(List<ManifestObject> objects, String kind, String name) {
        return objects.stream().filter(o -> o.raw().path("kind").asText().equals(kind)
                        && o.raw().at("/metadata/name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " in "
                        + objects.stream().map(o -> o.ref().toString()).toList()));
    }

    @Test
    void rendersWithValueFilesSetParametersNamespaceAndReleaseName() throws Exception {
        HelmOptions helm = options(List.of("values-prod.yaml", "/shared/common-values.yaml"), null,
                List.of(new HelmParameter("message", "from,set", false)), List.of(), false, false);

        RenderOutput output = renderer.render(request("apps/web", "web-prod", "team-a", helm));

        List<ManifestObject> objects = parse(output);
        ManifestObject deployment = find(objects, "Deployment", "web-prod-web");
        assertThat(deployment.raw().at("/metadata/namespace").asText()).isEqualTo("team-a");
        assertThat(deployment.raw().at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(deployment.raw().at("/spec/template/spec/containers/0/image").asText())
                .isEqualTo("registry.example.com/web:2.0");
        assertThat(find(objects, "ConfigMap", "web-prod-settings").raw().at("/data/message").asText())
                .isEqualTo("from,set");
        assertThat(output.toolVersion()).startsWith("helm v");
        assertThat(output.files()).allSatisfy(f -> assertThat(f.exactLines()).isFalse());
    }

    @Test
    void mapsSourceCommentsToRepoFilesIncludingSubchartsAndCrds() throws Exception {
        RenderOutput output = renderer.render(request("apps/web", "web", null, HelmOptions.defaults()));

        assertThat(output.files()).extracting(RenderedFile::path).containsExactlyInAnyOrder(
                "apps/web/crds/widgets.yaml",
                "apps/web/charts/sidecar/templates/cm.yaml",
                "apps/web/templates/configmap.yaml",
                "apps/web/templates/deployment.yaml",
                "apps/web/templates/test-connection.yaml");
        for (RenderedFile file : output.files()) {
            assertThat(repo.resolve(file.path())).exists();
            assertThat(file.content()).startsWith("---\n# Source: ");
        }
    }

    @Test
    void inlineValuesWinAndSetStringForcesStrings() throws Exception {
        HelmOptions helm = options(List.of("values-prod.yaml"), "replicas: 7\nmessage: inline\n",
                List.of(new HelmParameter("message", "12", true)), List.of(), false, false);

        List<ManifestObject> objects = parse(renderer.render(request("apps/web", "web", null, helm)));

        assertThat(find(objects, "Deployment", "web-web").raw().at("/spec/replicas").asInt()).isEqualTo(7);
        ManifestObject settings = find(objects, "ConfigMap", "web-settings");
        assertThat(settings.raw().at("/data/message").asText()).isEqualTo("12");
        assertThat(settings.raw().at("/data/messageType").asText()).isEqualTo("string");
    }

    @Test
    void setFileReadsARepoFileAndKubeAndApiVersionsReachTheTemplates() throws Exception {
        HelmOptions helm = new HelmOptions("rel", List.of(), null, List.of(),
                List.of(new HelmFileParameter("fileContent", "/shared/motd.txt")), false, false, false, false,
                "v1.29.3", List.of("example.com/v1"));

        List<ManifestObject> objects = parse(renderer.render(request("apps/web", "web", null, helm)));

        ManifestObject settings = find(objects, "ConfigMap", "rel-settings");
        assertThat(settings.raw().at("/data/file").asText()).isEqualTo("hello from a file\n");
        assertThat(settings.raw().at("/data/kubeVersion").asText()).isEqualTo("v1.29.3");
        assertThat(settings.raw().at("/data/hasExampleApi").asText()).isEqualTo("true");
    }

    @Test
    void skipCrdsAndSkipTestsLeaveThoseFilesOut() throws Exception {
        HelmOptions helm = new HelmOptions(null, List.of(), null, List.of(), List.of(), true, true, true, false,
                null, List.of());

        RenderOutput output = renderer.render(request("apps/web", "web", null, helm));

        assertThat(output.files()).extracting(RenderedFile::path)
                .doesNotContain("apps/web/crds/widgets.yaml", "apps/web/templates/test-connection.yaml")
                .contains("apps/web/templates/deployment.yaml");
    }

    @Test
    void releaseNameDefaultsToASanitisedAppName() throws Exception {
        List<ManifestObject> objects = parse(renderer.render(request("apps/web", "apps/web@Prod", null,
                HelmOptions.defaults())));

        assertThat(find(objects, "Deployment", "apps-web-prod-web")).isNotNull();
    }

    @Test
    void valueFileEscapingWithDotDotIsRefused() {
        HelmOptions helm = options(List.of("../../../outside.yaml"), null, List.of(), List.of(), false, true);

        assertThatThrownBy(() -> renderer.render(request("apps/web", "web", null, helm)))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("value file '../../../outside.yaml' resolves outside the repository");
    }

    @Test
    void valueFileSymlinkLeadingOutIsRefused() throws Exception {
        Path outside = Files.writeString(tmp.resolve("secret-values.yaml"), "password: hunter2\n");
        Files.createSymbolicLink(repo.resolve("shared/evil.yaml"), outside);
        HelmOptions helm = options(List.of("/shared/evil.yaml"), null, List.of(), List.of(), false, false);

        assertThatThrownBy(() -> renderer.render(request("apps/web", "web", null, helm)))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("resolves outside the repository")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void setFileEscapingTheRepoIsRefused() {
        HelmOptions helm = options(List.of(), null, List.of(),
                List.of(new HelmFileParameter("fileContent", "../../../../etc/passwd")), false, false);

        assertThatThrownBy(() -> renderer.render(request("apps/web", "web", null, helm)))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("--set-file path for 'fileContent'")
                .hasMessageContaining("outside the repository");
    }

    @Test
    void symlinkInsideTheChartLeadingOutIsRefused() throws Exception {
        Path outside = Files.writeString(tmp.resolve("outside.yaml"), "kind: Secret\n");
        Files.createSymbolicLink(repo.resolve("apps/web/templates/linked.yaml"), outside);

        assertThatThrownBy(() -> renderer.render(request("apps/web", "web", null, HelmOptions.defaults())))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("symlink 'apps/web/templates/linked.yaml'");
    }

    @Test
    void missingValueFileFailsUnlessIgnored() throws Exception {
        HelmOptions strict = options(List.of("values-nope.yaml"), null, List.of(), List.of(), false, false);
        assertThatThrownBy(() -> renderer.render(request("apps/web", "web", null, strict)))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("value file 'values-nope.yaml' does not exist");

        HelmOptions lenient = options(List.of("values-nope.yaml", "values-prod.yaml"), null, List.of(), List.of(),
                false, true);
        List<ManifestObject> objects = parse(renderer.render(request("apps/web", "web", null, lenient)));
        assertThat(find(objects, "Deployment", "web-web").raw().at("/spec/replicas").asInt()).isEqualTo(3);
    }

    @Test
    void valueFileGlobsExpandInLexicalOrder() throws Exception {
        Files.writeString(repo.resolve("apps/web/values-a.yaml"), "replicas: 4\n");
        Files.writeString(repo.resolve("apps/web/values-b.yaml"), "replicas: 5\n");
        HelmOptions helm = options(List.of("values-[ab].yaml"), null, List.of(), List.of(), false, false);

        List<ManifestObject> objects = parse(renderer.render(request("apps/web", "web", null, helm)));

        assertThat(find(objects, "Deployment", "web-web").raw().at("/spec/replicas").asInt()).isEqualTo(5);
    }

    @Test
    void remoteValueFilesAreRefused() {
        HelmOptions helm = options(List.of("https://example.com/values.yaml"), null, List.of(), List.of(), false,
                false);

        assertThatThrownBy(() -> renderer.render(request("apps/web", "web", null, helm)))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("remote value file");
    }

    @Test
    void missingChartDirectoryAndMissingChartYamlFailClearly() throws Exception {
        assertThatThrownBy(() -> renderer.render(request("apps/nope", "nope", null, HelmOptions.defaults())))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("chart directory 'apps/nope' does not exist");

        Files.createDirectories(repo.resolve("apps/empty"));
        assertThatThrownBy(() -> renderer.render(request("apps/empty", "empty", null, HelmOptions.defaults())))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("no Chart.yaml in 'apps/empty'");

        assertThatThrownBy(() -> renderer.render(request("../..", "up", null, HelmOptions.defaults())))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("outside the repository");
    }

    @Test
    void templateErrorCarriesHelmStderr() {
        assertThatThrownBy(() -> renderer.render(request("apps/broken", "broken", null, HelmOptions.defaults())))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("helm app 'broken' (apps/broken)")
                .hasMessageContaining("template . --name-template broken")
                .hasMessageContaining("exit status 1")
                .hasMessageContaining("noSuchFunction");
    }

    @Test
    void localFileDependencyIsAssembledOutsideTheCheckout() throws Exception {
        RenderOutput output = renderer.render(request("apps/withdep", "withdep", null, HelmOptions.defaults()));

        assertThat(output.files()).extracting(RenderedFile::path)
                .containsExactlyInAnyOrder("apps/withdep/templates/app.yaml", "libs/lib/templates/lib-cm.yaml");
        assertThat(TestRepos.allContent(output)).contains("name: withdep-lib");
        assertThat(repo.resolve("apps/withdep/charts")).doesNotExist();
    }

    @Test
    void remoteDependencyThatIsNotVendoredIsRefused() {
        assertThatThrownBy(() -> renderer.render(request("apps/remote-dep", "r", null, HelmOptions.defaults())))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("dependency 'redis'")
                .hasMessageContaining("not vendored");
    }

    @Test
    void theTempHomeIsRemovedAfterwards() throws Exception {
        Path systemTmp = Path.of(System.getProperty("java.io.tmpdir"));
        List<Path> before = sandboxes(systemTmp);

        renderer.render(request("apps/web", "web", null, HelmOptions.defaults()));

        assertThat(sandboxes(systemTmp)).isSubsetOf(before);
    }

    private static List<Path> sandboxes(Path dir) throws Exception {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().startsWith("guardrails-render-")).toList();
        }
    }

    @Test
    void sourceMappingHandlesRootAppsNestedSubchartsAndLocalDeps() {
        assertThat(HelmRenderer.mapSource("web/templates/a.yaml", ".", Map.of())).isEqualTo("templates/a.yaml");
        assertThat(HelmRenderer.mapSource("web/charts/db/charts/x/templates/a.yaml", "apps/web", Map.of()))
                .isEqualTo("apps/web/charts/db/charts/x/templates/a.yaml");
        assertThat(HelmRenderer.mapSource("web/charts/lib/templates/a.yaml", "apps/web", Map.of("lib", "libs/lib")))
                .isEqualTo("libs/lib/templates/a.yaml");
        assertThat(HelmRenderer.mapSource("web/templates/charts/x/a.yaml", "apps/web", Map.of()))
                .isEqualTo("apps/web/templates/charts/x/a.yaml");
    }

    @Test
    void setValuesEscapeCommasLikeArgoCd() {
        assertThat(HelmRenderer.escapeSetValue("a,b")).isEqualTo("a\\,b");
        assertThat(HelmRenderer.escapeSetValue("a\\,b")).isEqualTo("a\\,b");
        assertThat(HelmRenderer.escapeSetValue("{a,b}")).isEqualTo("{a,b}");
    }
}
