package dev.guardrails.plugin.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.plugin.engine.Engines;
import dev.guardrails.scanner.config.ConfigLoader;
import dev.guardrails.scanner.engine.GuardrailsEngine;
import dev.guardrails.scanner.engine.ScanOptions;
import dev.guardrails.scanner.model.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reviews of repos whose apps are Argo CD Applications: apps render as Argo CD would. */
class ChangeScannerArgoTest {

    private static final String URL = "https://git.example.com/acme/gitops.git";

    @TempDir
    Path tmp;

    private final GuardrailsEngine engine = Engines.create();
    private final ChangeScanner scanner = new ChangeScanner(engine, new ConfigLoader(Engines.ruleIds(engine)),
            new ScanOptions(null, 2, Clock.systemUTC()));

    private Path repo(String name, String imageTag) throws Exception {
        Path root = tmp.resolve(name);
        write(root, ".guardrails.yaml", "mode: \"off\"\nrules: {latest-tag: enforce}\n");
        write(root, "charts/web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 0.1.0\n");
        write(root, "charts/web/values.yaml", "tag: \"1.0\"\n");
        write(root, "charts/web/templates/pod.yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                spec:
                  containers:
                    - name: web
                      image: "nginx:{{ .Values.tag }}"
                """);
        write(root, "apps/web.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: web
                  namespace: argocd
                spec:
                  project: default
                  source:
                    repoURL: %s
                    path: charts/web
                    helm:
                      valuesObject:
                        tag: "%s"
                  destination:
                    server: https://kubernetes.default.svc
                    namespace: web
                """.formatted(URL, imageTag));
        return root;
    }

    private static void write(Path root, String path, String content) throws Exception {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void anEditedApplicationIsReviewedThroughItsHelmValues() throws Exception {
        Path base = repo("base", "1.27");
        Path head = repo("head", "latest");

        ChangeReport report = scanner.scan(base, head, List.of("apps/web.yaml"), "b".repeat(40), "h".repeat(40),
                "main", List.of(URL));

        assertThat(report.apps()).extracting(ChangeReport.AppChange::name).contains("web");
        ChangeReport.AppChange web = report.apps().stream().filter(a -> a.name().equals("web")).findFirst().orElseThrow();
        assertThat(web.added()).extracting(Finding::ruleId).containsExactly("latest-tag");
        assertThat(web.added().get(0).app()).isEqualTo("web");
    }

    @Test
    void anApplicationWhoseKustomizeImageChangedIsAffected() throws Exception {
        Path base = tmp.resolve("kbase");
        Path head = tmp.resolve("khead");
        for (Path root : List.of(base, head)) {
            write(root, ".guardrails.yaml", "mode: \"off\"\nrules: {latest-tag: enforce}\n");
            write(root, "app/kustomization.yaml", "resources: [pod.yaml]\n");
            write(root, "app/pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: shop}\n"
                    + "spec:\n  containers:\n    - {name: shop, image: \"registry.example.com/shop:1.0\"}\n");
            String tag = root.equals(base) ? "1.1" : "latest";
            write(root, "argocd/shop.yaml", """
                    apiVersion: argoproj.io/v1alpha1
                    kind: Application
                    metadata: {name: shop, namespace: argocd}
                    spec:
                      project: default
                      source:
                        repoURL: %s
                        path: app
                        kustomize:
                          images: ["registry.example.com/shop:%s"]
                      destination: {server: https://kubernetes.default.svc, namespace: shop}
                    """.formatted(URL, tag));
        }
        ChangeReport report = scanner.scan(base, head, List.of("argocd/shop.yaml"), "b".repeat(40), "h".repeat(40),
                "main", List.of(URL));
        ChangeReport.AppChange shop = report.apps().stream().filter(a -> a.name().equals("shop")).findFirst().orElseThrow();
        assertThat(shop.added()).extracting(Finding::ruleId).containsExactly("latest-tag");
    }

    @Test
    void withoutTheRepoUrlTheChartIsReviewedAsADirectoryApp() throws Exception {
        Path base = repo("base", "1.27");
        Path head = repo("head", "latest");

        ChangeReport report = scanner.scan(base, head, List.of("apps/web.yaml"), "b".repeat(40), "h".repeat(40),
                "main", List.of());

        // Directory discovery sees the chart with its own values (tag 1.0) in both: nothing new.
        assertThat(report.apps()).allSatisfy(a -> assertThat(a.added()).isEmpty());
    }
}
