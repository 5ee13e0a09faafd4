package dev.guardrails.argocd.app;

import static dev.guardrails.argocd.app.AppFixtures.app;
import static dev.guardrails.argocd.app.AppFixtures.find;
import static dev.guardrails.argocd.app.AppFixtures.names;
import static dev.guardrails.argocd.app.AppFixtures.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guardrails.scanner.engine.AppTarget;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.render.RenderException;
import dev.guardrails.scanner.render.SourceType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelmMappingTest {

    @TempDir
    Path tmp;
    Path repo;
    RepoCopies copies;
    ApplicationMapper mapper;

    @BeforeEach
    void setUp() {
        repo = AppFixtures.repo(tmp);
        copies = new RepoCopies(repo);
        mapper = AppFixtures.mapper(repo, copies);
    }

    @AfterEach
    void tearDown() {
        copies.close();
    }

    private AppTarget only(Application app) {
        ApplicationMapper.Mapping m = mapper.map(app);
        assertThat(m.notes()).as("notes").filteredOn(n -> n.level() != PlanNote.Level.INFO).isEmpty();
        assertThat(m.targets()).hasSize(1);
        return m.targets().get(0);
    }

    private ManifestObject configMap(Application app, String name) throws Exception {
        return find(render(only(app)), "ConfigMap", name);
    }

    @Test
    void detectedChartUsesAppNameAsReleaseAndDestinationNamespace() throws Exception {
        Application app = app("web", """
                source: {repoURL: https://git.example.com/org/repo, path: charts/web}
                destination: {namespace: shop}
                """);
        AppTarget target = only(app);
        assertThat(target.request().type()).isEqualTo(SourceType.HELM);
        assertThat(target.name()).isEqualTo("web");
        ManifestObject cm = find(render(target), "ConfigMap", "web-cfg");
        assertThat(cm.namespace()).isEqualTo("shop");
        assertThat(cm.at("data.color").asText()).isEqualTo("red");
        assertThat(cm.at("data.kube").asText()).isEqualTo("v1.34.0");
    }

    @Test
    void releaseNameNamespaceKubeVersionAndApiVersions() throws Exception {
        Application app = app("web", """
                source:
                  repoURL: git@git.example.com:org/repo.git
                  path: charts/web
                  helm:
                    releaseName: shop
                    namespace: other
                    kubeVersion: 1.29.3
                    apiVersions: [example.com/v1]
                destination: {namespace: shop}
                """);
        ManifestObject cm = configMap(app, "shop-cfg");
        assertThat(cm.namespace()).isEqualTo("other");
        assertThat(cm.at("data.kube").asText()).isEqualTo("v1.29.3");
        assertThat(cm.at("data.hasExample").asText()).isEqualTo("true");
    }

    @Test
    void valueFilesInOrderThenValuesThenParameters() throws Exception {
        Application files = app("web", """
                source:
                  repoURL: https://git.example.com/org/repo
                  path: charts/web
                  helm:
                    valueFiles: [values-prod.yaml]
                """);
        assertThat(configMap(files, "web-cfg").at("data.color").asText()).isEqualTo("blue");

        Application rootPath = app("web", """
                source:
                  repoURL: https://git.example.com/org/repo
                  path: charts/web
                  helm:
                    valueFiles: [values-prod.yaml, /envs/prod/values.yaml]
                """);
        assertThat(configMap(rootPath, "web-cfg").at("data.color").asText()).isEqualTo("green");

        Application values = app("web", """
                source:
                  repoURL: https://git.example.com/org/repo
                  path: charts/web
                  helm:
                    valueFiles: [values-prod.yaml]
                    values: |
                      color: yellow
                      greeting: hi
                    parameters:
                      - {name: greeting, value: "$ARGOCD_APP_NAME-says-hi"}
                """);
        ManifestObject cm = configMap(values, "web-cfg");
        assertThat(cm.at("data.color").asText()).isEqualTo("yellow");
        assertThat(cm.at("data.greeting").asText()).isEqualTo("web-says-hi");
    }

    @Test
    void valuesObjectWinsOverValues() throws Exception {
        Application app = app("web", """
                source:
                  repoURL: https://git.example.com/org/repo
                  path: charts/web
                  helm:
                    values: |
                      color: yellow
                      greeting: from-values
                    valuesObject:
                      color: purple
                """);
        ManifestObject cm = configMap(app, "web-cfg");
        assertThat(cm.at("data.color").asText()).isEqualTo("purple");
        assertThat(cm.at("data.greeting").asText()).as("values is ignored entirely").isEqualTo("hello");
    }

    @Test
    void forceStringParameterAndSchemaValidation() throws Exception {
        Application checked = app("web", """
                source:
                  repoURL: https://git.example.com/org/repo
                  path: charts/web
                  helm:
                    parameters: [{name: number, value: "5", forceString: true}]
                """);
        assertThatThrownBy(() -> render(only(checked))).isInstanceOf(RenderException.class)
                .hasMessageContaining("number");

        Application skipped = app("web", """
                source:
                  repoURL: https://git.example.com/org/repo
                  path: charts/web
                  helm:
                    skipSchemaValidation: true
                    parameters: [{name: number, value: "5", forceString: true}]
                """);
        assertThat(configMap(skipped, "web-cfg").at("data.number").asText()).isEqualTo("5");
    }

    @Test
    void fileParametersFromRepoRoot() throws Exception {
        Application app = app("web", """
                source:
                  repoURL: https://git.example.com/org/repo
                  path: charts/web
                  helm:
                    fileParameters: [{name: file, path: /envs/prod/greeting.txt}]
                """);
        assertThat(configMap(app, "web-cfg").at("data.file").asText()).isEqualTo("from-a-file\n");
    }

    @Test
    void crdsAndTestsIncludedUnlessSkipped() throws Exception {
        Application plain = app("web", """
                source: {repoURL: https://git.example.com/org/repo, path: charts/web, helm: {}}
                """);
        assertThat(names(render(only(plain)))).contains("CustomResourceDefinition/widgets.example.com",
                "Pod/web-test");
        Application skipping = app("web", """
                source:
                  repoURL: https://git.example.com/org/repo
                  path: charts/web
                  helm: {skipCrds: true, skipTests: true}
                """);
        assertThat(names(render(only(skipping)))).containsExactly("ConfigMap/web-cfg");
    }

    @Test
    void missingValueFileFailsUnlessIgnored() throws Exception {
        Application strict = app("web", """
                source:
                  repoURL: https://git.example.com/org/repo
                  path: charts/web
                  helm: {valueFiles: [values-missing.yaml]}
                """);
        assertThatThrownBy(() -> render(only(strict))).hasMessageContaining("values-missing.yaml");
        Application lenient = app("web", """
                source:
                  repoURL: https://git.example.com/org/repo
                  path: charts/web
                  helm: {valueFiles: [values-missing.yaml, values-prod.yaml], ignoreMissingValueFiles: true}
                """);
        assertThat(configMap(lenient, "web-cfg").at("data.color").asText()).isEqualTo("blue");
    }

    @Test
    void valueFilesThatEscapeTheRepoAreRefused() throws Exception {
        AppFixtures.write(tmp, "secret.yaml", "color: stolen\n");
        for (String escaping : List.of("../../../secret.yaml", "/../secret.yaml", "$values/../secret.yaml")) {
            Application app = app("web", """
                    sources:
                      - repoURL: https://git.example.com/org/repo
                        path: charts/web
                        helm: {valueFiles: ['%s']}
                      - {repoURL: https://git.example.com/org/repo, ref: values}
                    """.formatted(escaping));
            assertThatThrownBy(() -> render(only(app))).as(escaping).isInstanceOf(RenderException.class)
                    .hasMessageContaining("outside the repository");
        }
    }

    @Test
    void multiSourceRefValueFilesResolveFromTheRefRepoRoot() throws Exception {
        Application app = app("web", """
                sources:
                  - repoURL: https://git.example.com/org/repo
                    path: charts/web
                    helm:
                      valueFiles: [$values/envs/prod/values.yaml]
                      fileParameters: [{name: file, path: $values/envs/prod/greeting.txt}]
                  - repoURL: https://git.example.com/org/repo.git
                    targetRevision: main
                    ref: values
                """);
        AppTarget target = only(app);
        assertThat(target.name()).as("one rendering source keeps the app name").isEqualTo("web");
        ManifestObject cm = find(render(target), "ConfigMap", "web-cfg");
        assertThat(cm.at("data.color").asText()).isEqualTo("green");
        assertThat(cm.at("data.file").asText()).isEqualTo("from-a-file\n");
    }

    @Test
    void refToAnotherRepoIsNotRenderedOffline() throws Exception {
        Application app = app("web", """
                sources:
                  - repoURL: https://git.example.com/org/repo
                    path: charts/web
                    helm: {valueFiles: [$values/prod.yaml]}
                  - {repoURL: https://git.example.com/org/other-values, ref: values}
                """);
        ApplicationMapper.Mapping m = mapper.map(app);
        assertThat(m.targets()).isEmpty();
        assertThat(m.notes()).singleElement().satisfies(n -> {
            assertThat(n.level()).isEqualTo(PlanNote.Level.SKIPPED);
            assertThat(n.message()).contains("values from https://git.example.com/org/other-values are not available"
                    + " offline");
        });
    }

    @Test
    void missingChartPathFailsTheRender() throws Exception {
        Application app = app("web", """
                source: {repoURL: https://git.example.com/org/repo, path: charts/nope, helm: {}}
                """);
        assertThatThrownBy(() -> render(only(app))).isInstanceOf(RenderException.class)
                .hasMessageContaining("charts/nope");
    }

    @Test
    void helmRepositoryChartsAndOtherReposAreSkipped() throws Exception {
        Application app = app("web", """
                sources:
                  - {repoURL: https://charts.example.com, chart: nginx, targetRevision: 1.2.3}
                  - {repoURL: https://git.example.com/org/elsewhere, path: apps}
                  - {repoURL: https://git.example.com/org/repo, path: plain}
                """);
        ApplicationMapper.Mapping m = mapper.map(app);
        assertThat(m.targets()).extracting(AppTarget::name).containsExactly("web#2");
        assertThat(m.pointsHere()).isTrue();
        assertThat(m.notes()).extracting(PlanNote::message).containsExactly(
                "source 0: chart 'nginx' from https://charts.example.com is not rendered: Helm repositories are not"
                        + " available offline",
                "source 1: https://git.example.com/org/elsewhere is not this repository and is not available offline");
    }
}
