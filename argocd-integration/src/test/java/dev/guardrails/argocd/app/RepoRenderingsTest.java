package dev.guardrails.argocd.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.config.GuardrailsConfig;
import dev.guardrails.scanner.discovery.AppDiscoverer;
import dev.guardrails.scanner.engine.AppResult;
import dev.guardrails.scanner.engine.GuardrailsEngine;
import dev.guardrails.scanner.engine.ScanOptions;
import dev.guardrails.scanner.parse.ManifestParser;
import dev.guardrails.scanner.render.DirectoryRenderer;
import dev.guardrails.scanner.render.HelmRenderer;
import dev.guardrails.scanner.render.KustomizeRenderer;
import dev.guardrails.scanner.rules.BuiltinRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fix loop's view of the repo: an app that renders from the checkout is planned once and still
 * sees every edit; an app Argo CD renders from an edited copy is planned afresh, so it sees them too.
 */
class RepoRenderingsTest {

    private final GuardrailsEngine engine = new GuardrailsEngine(BuiltinRules.all(),
            List.of(new HelmRenderer(), new KustomizeRenderer(), new DirectoryRenderer()), new ManifestParser(),
            new AppDiscoverer());

    @TempDir
    Path repo;

    private void write(String path, String text) throws Exception {
        Files.createDirectories(repo.resolve(path).getParent());
        Files.writeString(repo.resolve(path), text);
    }

    private static String deployment(String name, String image) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %s
                spec:
                  selector:
                    matchLabels: {app: %s}
                  template:
                    metadata:
                      labels: {app: %s}
                    spec:
                      containers:
                        - name: %s
                          image: %s
                """.formatted(name, name, name, name, image);
    }

    private static String application(String name, String path, String extra) {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: %s
                  namespace: argocd
                spec:
                  project: default
                  destination: {server: https://kubernetes.default.svc, namespace: shop}
                  source:
                    repoURL: %s
                    targetRevision: main
                    path: %s
                """.formatted(name, AppFixtures.REPO, path) + extra;
    }

    @Test
    void appsFromTheCheckoutArePlannedOnceAndEditedCopiesAfresh() throws Exception {
        write("apps/web/deployment.yaml", deployment("web", "nginx:1.27"));
        write("apps/api/kustomization.yaml", "resources:\n  - deployment.yaml\n");
        write("apps/api/deployment.yaml", deployment("api", "nginx:1.27"));
        write("argocd/web.yaml", application("web", "apps/web", ""));
        // Argo CD sets the image on a copy of the kustomization: this app renders from a copy.
        write("argocd/api.yaml", application("api", "apps/api", """
                    kustomize:
                      images: ["nginx:1.27.1"]
                """));
        GuardrailsConfig policy = GuardrailsConfig.defaults();
        RepoRenderings renderings = new RepoRenderings(engine, repo, policy, new ScanOptions(null, 1, Clock.systemUTC()),
                RepoScan.Apps.AUTO, List.of(AppFixtures.REPO), line -> { });

        assertThat(renderings.plan()).extracting(t -> t.name()).containsExactlyInAnyOrder("web", "api");
        assertThat(renderings.plannedOnce()).containsExactly("web");

        write("apps/web/deployment.yaml", deployment("web", "nginx:1.28"));
        write("apps/api/deployment.yaml", deployment("api-v2", "nginx:1.27"));
        AppResult web = renderings.evaluate("web");
        AppResult api = renderings.evaluate("api");
        assertThat(web.objects()).singleElement().satisfies(o ->
                assertThat(o.at("spec.template.spec.containers[0].image").asText()).isEqualTo("nginx:1.28"));
        assertThat(api.objects()).singleElement().satisfies(o -> {
            assertThat(o.name()).isEqualTo("api-v2");
            assertThat(o.at("spec.template.spec.containers[0].image").asText()).isEqualTo("nginx:1.27.1");
        });
    }
}
