package dev.guardrails.argocd.app;

import static dev.guardrails.argocd.app.AppFixtures.app;
import static dev.guardrails.argocd.app.AppFixtures.find;
import static dev.guardrails.argocd.app.AppFixtures.names;
import static dev.guardrails.argocd.app.AppFixtures.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guardrails.scanner.engine.AppTarget;
import dev.guardrails.scanner.render.SourceType;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryAndOverridesTest {

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
        assertThat(m.targets()).as("targets; notes: %s", m.notes()).hasSize(1);
        return m.targets().get(0);
    }

    @Test
    void directoryRecurseIncludeExclude() throws Exception {
        Application top = app("plain", "source: {repoURL: https://git.example.com/org/repo, path: plain}\n");
        assertThat(names(render(only(top)))).containsExactly("ConfigMap/a", "ConfigMap/b");

        Application recurse = app("plain", """
                source: {repoURL: https://git.example.com/org/repo, path: plain, directory: {recurse: true}}
                """);
        assertThat(names(render(only(recurse)))).containsExactly("ConfigMap/a", "ConfigMap/b", "ConfigMap/c");

        Application filtered = app("plain", """
                source:
                  repoURL: https://git.example.com/org/repo
                  path: plain
                  directory: {recurse: true, include: '{a.yaml,sub/*}', exclude: 'sub/c.yaml'}
                """);
        assertThat(names(render(only(filtered)))).containsExactly("ConfigMap/a");
    }

    @Test
    void jsonnetIsNotedAndIgnored() throws Exception {
        Application app = app("plain", """
                source:
                  repoURL: https://git.example.com/org/repo
                  path: plain
                  directory: {jsonnet: {tlas: [{name: x, value: y}]}}
                """);
        ApplicationMapper.Mapping m = mapper.map(app);
        assertThat(m.targets()).hasSize(1);
        assertThat(m.notes()).singleElement().satisfies(n -> {
            assertThat(n.level()).isEqualTo(PlanNote.Level.INFO);
            assertThat(n.message()).contains("jsonnet");
        });
    }

    @Test
    void explicitTypeBeatsDetection() throws Exception {
        Application app = app("api", """
                source: {repoURL: https://git.example.com/org/repo, path: kustomize/app, directory: {}}
                """);
        AppTarget target = only(app);
        assertThat(target.request().type()).isEqualTo(SourceType.DIRECTORY);
        assertThat(names(render(target))).contains("Deployment/api");
    }

    @Test
    void multipleSourceTypesAreInvalid() throws Exception {
        Application app = app("api", """
                source: {repoURL: https://git.example.com/org/repo, path: kustomize/app, helm: {}, kustomize: {}}
                """);
        ApplicationMapper.Mapping m = mapper.map(app);
        assertThat(m.targets()).isEmpty();
        assertThat(m.notes()).singleElement().satisfies(n -> {
            assertThat(n.level()).isEqualTo(PlanNote.Level.INVALID);
            assertThat(n.app()).isEqualTo("api");
            assertThat(n.message()).isEqualTo("multiple application sources defined: Kustomize,Helm");
        });
    }

    @Test
    void pluginSourcesAreRenderedByACmp() throws Exception {
        Application app = app("cmp", """
                source: {repoURL: https://git.example.com/org/repo, path: plain, plugin: {name: guardrails-v1}}
                """);
        ApplicationMapper.Mapping m = mapper.map(app);
        assertThat(m.targets()).isEmpty();
        assertThat(m.notes()).singleElement().extracting(PlanNote::message).asString()
                .contains("rendered by a CMP");
    }

    @Test
    void overrideFilesArePatchedInOrderButCannotMoveTheSource() throws Exception {
        AppFixtures.write(repo, "charts/web/.argocd-source.yaml", """
                path: plain
                helm:
                  valueFiles: [values-prod.yaml]
                  parameters: [{name: greeting, value: from-shared-override}]
                """);
        AppFixtures.write(repo, "charts/web/.argocd-source-web.yaml", """
                helm:
                  parameters: [{name: greeting, value: from-app-override}]
                """);
        Application app = app("web", "source: {repoURL: https://git.example.com/org/repo, path: charts/web}\n");
        AppTarget target = only(app);
        assertThat(target.path()).isEqualTo("charts/web");
        var cm = find(render(target), "ConfigMap", "web-cfg");
        assertThat(cm.at("data.color").asText()).isEqualTo("blue");
        assertThat(cm.at("data.greeting").asText()).isEqualTo("from-app-override");

        Application other = app("shop", "source: {repoURL: https://git.example.com/org/repo, path: charts/web}\n");
        assertThat(find(render(only(other)), "ConfigMap", "shop-cfg").at("data.greeting").asText())
                .as("another app only gets the shared file").isEqualTo("from-shared-override");
    }

    @Test
    void overrideAddingASecondToolBlockIsInvalid() throws Exception {
        AppFixtures.write(repo, "plain/.argocd-source.yaml", "helm: {values: 'a: b'}\n");
        Application app = app("plain", """
                source: {repoURL: https://git.example.com/org/repo, path: plain, directory: {}}
                """);
        assertThat(mapper.map(app).notes()).singleElement().satisfies(n -> {
            assertThat(n.level()).isEqualTo(PlanNote.Level.INVALID);
            assertThat(n.message()).startsWith("multiple application sources defined");
        });
    }

    @Test
    void missingPathFailsTheRender() throws Exception {
        Application app = app("gone", "source: {repoURL: https://git.example.com/org/repo, path: nowhere}\n");
        assertThatThrownBy(() -> render(only(app))).hasMessageContaining("nowhere");
    }
}
