package dev.guardrails.argocd.app;

import static dev.guardrails.argocd.app.AppFixtures.app;
import static dev.guardrails.argocd.app.AppFixtures.find;
import static dev.guardrails.argocd.app.AppFixtures.names;
import static dev.guardrails.argocd.app.AppFixtures.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.engine.AppTarget;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.render.SourceType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KustomizeMappingTest {

    @TempDir
    Path tmp;
    Path repo;
    Map<String, String> before;

    @BeforeEach
    void setUp() {
        repo = AppFixtures.repo(tmp);
        before = AppFixtures.snapshot(repo);
    }

    @Test
    void everyEditIsMadeInATemporaryCopyThatIsDeletedAfterwards() throws Exception {
        Application app = app("api", """
                source:
                  repoURL: https://git.example.com/org/repo
                  path: kustomize/app
                  kustomize:
                    namePrefix: pre-
                    nameSuffix: -suf
                    images:
                      - registry.example.com/api=registry.example.com/api-fork:2.0
                    replicas: [{name: api, count: 3}]
                    commonLabels: {team: core, app.kubernetes.io/instance: $ARGOCD_APP_NAME}
                    commonAnnotations: {owner: "$ARGOCD_APP_NAME"}
                    namespace: payments
                    patches:
                      - target: {kind: Deployment}
                        patch: |-
                          - op: add
                            path: /metadata/annotations/patched
                            value: "yes"
                    components: [../components/extra]
                destination: {namespace: ignored-by-kustomize-namespace}
                """);
        List<Path> copies;
        List<ManifestObject> objects;
        try (RepoCopies repoCopies = new RepoCopies(repo)) {
            ApplicationMapper.Mapping m = AppFixtures.mapper(repo, repoCopies).map(app);
            assertThat(m.notes()).isEmpty();
            AppTarget target = m.targets().get(0);
            assertThat(target.request().type()).isEqualTo(SourceType.KUSTOMIZE);
            assertThat(target.request().repoRoot()).isNotEqualTo(repo);
            objects = render(target);
            copies = repoCopies.copies();
            assertThat(copies).hasSize(1).allSatisfy(c -> assertThat(c.resolve(".git")).doesNotExist());
        }
        ManifestObject deployment = find(objects, "Deployment", "pre-api-suf");
        assertThat(deployment.namespace()).isEqualTo("payments");
        assertThat(deployment.at("spec.replicas").asInt()).isEqualTo(3);
        assertThat(deployment.at("spec.template.spec.containers[0].image").asText())
                .isEqualTo("registry.example.com/api-fork:2.0");
        assertThat(deployment.labels()).containsEntry("team", "core")
                .containsEntry("app.kubernetes.io/instance", "api");
        assertThat(deployment.at("spec.selector.matchLabels.team").asText()).as("commonLabels reach selectors")
                .isEqualTo("core");
        assertThat(deployment.annotations()).containsEntry("owner", "$ARGOCD_APP_NAME")
                .containsEntry("patched", "yes");
        assertThat(names(objects)).contains("ConfigMap/pre-extra-suf");
        assertThat(deployment.origin().file()).as("paths stay repo-relative")
                .isEqualTo("kustomize/app/kustomization.yaml");

        assertThat(AppFixtures.snapshot(repo)).as("the checkout is untouched").isEqualTo(before);
        assertThat(copies).allSatisfy(c -> assertThat(Files.exists(c)).isFalse());
    }

    @Test
    void imageTagAndDigestForms() throws Exception {
        Application app = app("api", """
                source:
                  repoURL: https://git.example.com/org/repo
                  path: kustomize/app
                  kustomize:
                    images: ["registry.example.com/api@sha256:0123456789012345678901234567890123456789012345678901234567890123"]
                """);
        try (RepoCopies copies = new RepoCopies(repo)) {
            ManifestObject d = find(render(AppFixtures.mapper(repo, copies).map(app).targets().get(0)),
                    "Deployment", "api");
            assertThat(d.at("spec.template.spec.containers[0].image").asText()).isEqualTo(
                    "registry.example.com/api@sha256:0123456789012345678901234567890123456789012345678901234567890123");
        }
    }

    @Test
    void labelsWithoutSelectorLeaveSelectorsAlone() throws Exception {
        Application app = app("api", """
                source:
                  repoURL: https://git.example.com/org/repo
                  path: kustomize/app
                  kustomize:
                    commonLabels: {team: core}
                    labelWithoutSelector: true
                    labelIncludeTemplates: true
                """);
        try (RepoCopies copies = new RepoCopies(repo)) {
            ManifestObject d = find(render(AppFixtures.mapper(repo, copies).map(app).targets().get(0)),
                    "Deployment", "api");
            assertThat(d.labels()).containsEntry("team", "core");
            assertThat(d.at("spec.template.metadata.labels.team").asText()).isEqualTo("core");
            assertThat(d.at("spec.selector.matchLabels.team").isMissingNode()).isTrue();
        }
    }

    @Test
    void existingLabelNeedsForce() throws Exception {
        AppFixtures.write(repo, "kustomize/app/kustomization.yaml", """
                resources: [deployment.yaml]
                commonLabels: {team: old}
                """);
        Application plain = app("api", """
                source:
                  repoURL: https://git.example.com/org/repo
                  path: kustomize/app
                  kustomize: {commonLabels: {team: new}}
                """);
        try (RepoCopies copies = new RepoCopies(repo)) {
            ApplicationMapper.Mapping m = AppFixtures.mapper(repo, copies).map(plain);
            assertThat(m.targets()).isEmpty();
            assertThat(m.notes()).singleElement().satisfies(n -> {
                assertThat(n.level()).isEqualTo(PlanNote.Level.INVALID);
                assertThat(n.message()).contains("label 'team' is already in the kustomization file");
            });
        }
        Application forced = app("api", """
                source:
                  repoURL: https://git.example.com/org/repo
                  path: kustomize/app
                  kustomize: {commonLabels: {team: new}, forceCommonLabels: true}
                """);
        try (RepoCopies copies = new RepoCopies(repo)) {
            ManifestObject d = find(render(AppFixtures.mapper(repo, copies).map(forced).targets().get(0)),
                    "Deployment", "api");
            assertThat(d.labels()).containsEntry("team", "new");
        }
    }

    @Test
    void missingComponentsFailUnlessIgnored() throws Exception {
        String spec = """
                source:
                  repoURL: https://git.example.com/org/repo
                  path: kustomize/app
                  kustomize:
                    components: [../components/missing, ../components/extra]
                    ignoreMissingComponents: %s
                """;
        try (RepoCopies copies = new RepoCopies(repo)) {
            ApplicationMapper mapper = AppFixtures.mapper(repo, copies);
            assertThat(mapper.map(app("api", spec.formatted("false"))).notes()).singleElement()
                    .extracting(PlanNote::message).asString().contains("../components/missing");
            List<ManifestObject> objects = render(mapper.map(app("api", spec.formatted("true"))).targets().get(0));
            assertThat(names(objects)).contains("ConfigMap/extra", "Deployment/api");
        }
    }

    @Test
    void noEditsRenderFromTheCheckoutItself() throws Exception {
        Application app = app("api", """
                source: {repoURL: https://git.example.com/org/repo, path: kustomize/app}
                """);
        try (RepoCopies copies = new RepoCopies(repo)) {
            AppTarget target = AppFixtures.mapper(repo, copies).map(app).targets().get(0);
            assertThat(target.request().type()).isEqualTo(SourceType.KUSTOMIZE);
            assertThat(target.request().repoRoot()).isEqualTo(repo.toAbsolutePath().normalize());
            assertThat(copies.copies()).isEmpty();
        }
    }
}
