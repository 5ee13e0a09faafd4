package dev.guardrails.argocd.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guardrails.scanner.config.GuardrailsConfig;
import dev.guardrails.scanner.discovery.AppDiscoverer;
import dev.guardrails.scanner.engine.AppTarget;
import dev.guardrails.scanner.engine.GuardrailsEngine;
import dev.guardrails.scanner.engine.ScanOptions;
import dev.guardrails.scanner.parse.ManifestParser;
import dev.guardrails.scanner.render.DirectoryRenderer;
import dev.guardrails.scanner.render.HelmRenderer;
import dev.guardrails.scanner.render.KustomizeRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplicationPlannerTest {

    static final GuardrailsEngine ENGINE = new GuardrailsEngine(List.of(),
            List.of(new HelmRenderer(), new KustomizeRenderer(), new DirectoryRenderer()), new ManifestParser(),
            new AppDiscoverer());

    @TempDir
    Path tmp;
    Path repo;

    @BeforeEach
    void setUp() {
        repo = AppFixtures.repo(tmp);
    }

    static String application(String name, String path, String extra) {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: %s
                  namespace: argocd
                spec:
                  project: default
                  source:
                    repoURL: https://git.example.com/org/repo.git
                    path: %s
                %s  destination:
                    namespace: %s
                """.formatted(name, path, extra, name);
    }

    private ApplicationPlan plan(AppSetExpander appSets) throws Exception {
        return new ApplicationPlanner(ENGINE, appSets, AppFixtures.THIS_REPO)
                .plan(repo, GuardrailsConfig.defaults(), ScanOptions.defaults(), "");
    }

    @Test
    void followsAppOfAppsThroughRenderedOutput() throws Exception {
        // root renders apps/ (directory); apps/ holds a helm app-of-apps whose template makes "api".
        AppFixtures.write(repo, "bootstrap/root.yaml", application("root", "apps", ""));
        AppFixtures.write(repo, "apps/web.yaml", application("web", "charts/web", ""));
        AppFixtures.write(repo, "apps/children.yaml", application("children", "children-chart", ""));
        AppFixtures.write(repo, "children-chart/Chart.yaml", "apiVersion: v2\nname: children\nversion: 0.1.0\n");
        AppFixtures.write(repo, "children-chart/templates/api.yaml",
                application("{{ .Values.name }}", "kustomize/app", ""));
        AppFixtures.write(repo, "children-chart/values.yaml", "name: api\n");
        try (ApplicationPlan plan = plan(AppSetExpander.NONE)) {
            assertThat(plan.applications()).extracting(ApplicationPlan.PlannedApp::name)
                    .containsExactlyInAnyOrder("root", "web", "children", "api");
            ApplicationPlan.PlannedApp api = plan.applications().stream().filter(a -> a.name().equals("api"))
                    .findFirst().orElseThrow();
            assertThat(api.parent()).isEqualTo("children");
            assertThat(api.depth()).isEqualTo(2);
            assertThat(api.origin()).isEqualTo("children-chart/templates/api.yaml");
            assertThat(plan.targets()).extracting(AppTarget::name)
                    .containsExactlyInAnyOrder("root", "web", "children", "api");
            assertThat(plan.pointsAtThisRepo()).isTrue();
            assertThat(plan.notes()).isEmpty();
        }
    }

    @Test
    void renderedDefinitionReplacesTheFileOne() throws Exception {
        // The parent renders apps/ with kustomize, changing the child's path: Argo CD applies the rendered one.
        AppFixtures.write(repo, "bootstrap/root.yaml", application("root", "apps", ""));
        AppFixtures.write(repo, "apps/kustomization.yaml", """
                resources: [child.yaml]
                patches:
                  - target: {kind: Application, name: child}
                    patch: |-
                      - op: replace
                        path: /spec/source/path
                        value: plain
                """);
        AppFixtures.write(repo, "apps/child.yaml", application("child", "charts/web", ""));
        try (ApplicationPlan plan = plan(AppSetExpander.NONE)) {
            AppTarget child = plan.targets().stream().filter(t -> t.name().equals("child")).findFirst().orElseThrow();
            assertThat(child.path()).isEqualTo("plain");
            assertThat(plan.targets()).extracting(AppTarget::name).containsExactlyInAnyOrder("root", "child");
        }
    }

    @Test
    void cyclesAreNotedAndNotFollowedAgain() throws Exception {
        AppFixtures.write(repo, "a/a.yaml", application("a", "b", ""));
        AppFixtures.write(repo, "b/b.yaml", application("b", "a", ""));
        try (ApplicationPlan plan = plan(AppSetExpander.NONE)) {
            assertThat(plan.applications()).extracting(ApplicationPlan.PlannedApp::name)
                    .containsExactlyInAnyOrder("a", "b");
            assertThat(plan.targets()).hasSize(2);
            assertThat(plan.notes()).singleElement().satisfies(n -> {
                assertThat(n.level()).isEqualTo(PlanNote.Level.INFO);
                assertThat(n.message()).containsAnyOf("cycle a -> b -> a", "cycle b -> a -> b");
            });
        }
    }

    @Test
    void selfManagingRootIsACycleOfOne() throws Exception {
        AppFixtures.write(repo, "root/root.yaml", application("root", "root", ""));
        try (ApplicationPlan plan = plan(AppSetExpander.NONE)) {
            assertThat(plan.targets()).extracting(AppTarget::name).containsExactly("root");
            assertThat(plan.notes()).singleElement().extracting(PlanNote::message).asString()
                    .contains("cycle root -> root");
        }
    }

    @Test
    void depthIsLimited() throws Exception {
        // level-i renders dir level-(i+1); each level is only reachable by rendering, never by the walk
        // (the files are helm templates, which do not parse as YAML).
        for (int i = 0; i <= ApplicationPlanner.MAX_DEPTH + 2; i++) {
            String dir = "level-" + i;
            AppFixtures.write(repo, dir + "/Chart.yaml", "apiVersion: v2\nname: l" + i + "\nversion: 0.1.0\n");
            AppFixtures.write(repo, dir + "/templates/child.yaml", "{{- if true }}\n"
                    + application("level-" + (i + 1), "level-" + (i + 1), "") + "{{- end }}\n");
        }
        AppFixtures.write(repo, "root.yaml", application("level-0", "level-0", ""));
        try (ApplicationPlan plan = plan(AppSetExpander.NONE)) {
            assertThat(plan.applications()).hasSize(ApplicationPlanner.MAX_DEPTH + 1);
            assertThat(plan.notes()).singleElement().satisfies(n -> {
                assertThat(n.level()).isEqualTo(PlanNote.Level.SKIPPED);
                assertThat(n.app()).isEqualTo("level-" + (ApplicationPlanner.MAX_DEPTH + 1));
                assertThat(n.message()).contains("depth limit of 10");
            });
        }
    }

    @Test
    void applicationSetsAreExpandedThroughTheSeam() throws Exception {
        AppFixtures.write(repo, "appsets/set.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata: {name: set}
                spec:
                  generators: [{list: {elements: [{name: gen-a}]}}]
                """);
        List<ObjectNode> seen = new ArrayList<>();
        AppSetExpander expander = appSet -> {
            seen.add(appSet);
            return new AppSetExpander.Expansion(List.of(AppFixtures.tree(application("gen-a", "plain", ""))),
                    List.of("cluster generator needs Argo CD's cluster secrets"));
        };
        try (ApplicationPlan plan = plan(expander)) {
            assertThat(seen).singleElement().satisfies(s -> assertThat(s.path("metadata").path("name").asText())
                    .isEqualTo("set"));
            assertThat(plan.targets()).extracting(AppTarget::name).containsExactly("gen-a");
            assertThat(plan.applications().get(0).origin()).startsWith("appsets/set.yaml");
            assertThat(plan.notes()).singleElement().satisfies(n -> {
                assertThat(n.level()).isEqualTo(PlanNote.Level.SKIPPED);
                assertThat(n.line()).isEqualTo("guardrails: skipped: appsets/set.yaml:1: 'set': ApplicationSet:"
                        + " cluster generator needs Argo CD's cluster secrets");
            });
        }
    }

    @Test
    void walkSkipsDotDirsExcludesAndUnparsableFiles() throws Exception {
        AppFixtures.write(repo, ".github/app.yaml", application("hidden", "plain", ""));
        AppFixtures.write(repo, "docs/example.yaml", application("doc", "plain", ""));
        AppFixtures.write(repo, "apps/broken.yaml", application("broken", "plain", "") + "  : : [\n");
        AppFixtures.write(repo, "apps/ok.json", """
                {"apiVersion": "argoproj.io/v1alpha1", "kind": "Application", "metadata": {"name": "json"},
                 "spec": {"source": {"repoURL": "https://git.example.com/org/repo", "path": "plain"}}}
                """);
        ApplicationPlanner.Walk walk = new ApplicationPlanner(null, AppSetExpander.NONE, AppFixtures.THIS_REPO)
                .walk(repo, List.of("docs/**"));
        assertThat(walk.manifests()).extracting(f -> f.manifest().path("metadata").path("name").asText())
                .containsExactly("json");
    }

    @Test
    void appsForOtherReposAreSkippedAndDoNotPointHere() throws Exception {
        AppFixtures.write(repo, "apps/ext.yaml", application("ext", "plain", "")
                .replace("https://git.example.com/org/repo.git", "https://git.example.com/org/elsewhere"));
        try (ApplicationPlan plan = plan(AppSetExpander.NONE)) {
            assertThat(plan.targets()).isEmpty();
            assertThat(plan.pointsAtThisRepo()).isFalse();
            assertThat(plan.notes()).singleElement().extracting(PlanNote::level).isEqualTo(PlanNote.Level.SKIPPED);
        }
    }

    @Test
    void closingThePlanDeletesCopies() throws Exception {
        AppFixtures.write(repo, "apps/api.yaml", application("api", "kustomize/app",
                "    kustomize: {namePrefix: x-}\n"));
        ApplicationPlan plan = plan(AppSetExpander.NONE);
        List<Path> copies = plan.copies().copies();
        assertThat(copies).hasSize(1).allSatisfy(c -> assertThat(c).isDirectory());
        assertThat(plan.targets().get(0).request().repoRoot()).isEqualTo(copies.get(0));
        plan.close();
        assertThat(copies).allSatisfy(c -> assertThat(Files.exists(c)).isFalse());
    }
}
