package dev.guardrails.scanner.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.render.HelmOptions;
import dev.guardrails.scanner.render.SourceType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.guardrails.scanner.config.DiscoverySettings.ChartVariant;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppDiscovererTest {

    private static final String CM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n";
    private static final String CHART = "apiVersion: v2\nname: c\nversion: 0.1.0\n";

    @TempDir
    Path repo;

    private final AppDiscoverer discoverer = new AppDiscoverer();

    private void write(String path, String content) throws Exception {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @BeforeEach
    void layout() throws Exception {
        write(".git/config", "[core]\n");
        write(".github/workflows/ci.yaml", CM);
        write("namespace.yaml", CM);

        write("apps/web/Chart.yaml", CHART);
        write("apps/web/values.yaml", "replicas: 1\n");
        write("apps/web/values-prod.yaml", "replicas: 3\n");
        write("apps/web/values-staging.yml", "replicas: 2\n");
        write("apps/web/templates/deployment.yaml", CM);
        write("apps/web/charts/sub/Chart.yaml", CHART);
        write("apps/api/Chart.yaml", CHART);
        write("apps/api/templates/cm.yaml", CM);

        write("kustomize/base/kustomization.yaml", "resources:\n  - deployment.yaml\n");
        write("kustomize/base/deployment.yaml", CM);
        write("kustomize/components/labels/kustomization.yaml", "kind: Component\n");
        write("kustomize/overlays/prod/kustomization.yaml",
                "resources:\n  - ../../base\npatches:\n  - path: ../../shared/patch.yaml\n");
        write("kustomize/overlays/dev/kustomization.yml",
                "bases:\n  - ../../base\ncomponents:\n  - ../../components/labels\n");
        write("kustomize/shared/patch.yaml", CM);

        write("both/Chart.yaml", CHART);
        write("both/kustomization.yaml", "resources: []\n");

        write("overlay-with-subdir/Kustomization", "resources:\n  - manifests/cm.yaml\n");
        write("overlay-with-subdir/manifests/cm.yaml", CM);

        write("kh/kustomization.yaml", "helmCharts:\n  - name: redis\n");
        write("kh/charts/redis/Chart.yaml", CHART);

        write("plain/cm.yaml", CM);
        write("plain/sub/other.json", "{\"apiVersion\": \"v1\", \"kind\": \"Secret\"}");
        write("config/settings.yaml", "logLevel: debug\n");
        write("skipped/only.yaml", "# +argocd:skip-file-rendering\n" + CM);
        write("vendor/thing/cm.yaml", CM);
        write("scratch/tmp.yaml", CM);
        Files.createSymbolicLink(repo.resolve("linked"), repo.resolve("plain"));
    }

    @Test
    void findsEveryKindOfAppOnceInPathOrder() {
        List<AppSource> apps = discoverer.discover(repo, List.of("vendor/**", "scratch"));

        assertThat(apps).extracting(AppSource::name).containsExactly(
                ".",
                "apps/api",
                "apps/web",
                "apps/web@prod",
                "apps/web@staging",
                "both",
                "kh",
                "kustomize/overlays/dev",
                "kustomize/overlays/prod",
                "overlay-with-subdir",
                "plain",
                "plain/sub");
        Map<String, AppSource> byName = apps.stream().collect(Collectors.toMap(AppSource::name, Function.identity()));
        assertThat(byName.get(".").type()).isEqualTo(SourceType.DIRECTORY);
        assertThat(byName.get(".").path()).isEqualTo(".");
        assertThat(byName.get("plain/sub").type()).isEqualTo(SourceType.DIRECTORY);
        assertThat(byName.get("both").type()).as("kustomize wins, as in Argo CD").isEqualTo(SourceType.KUSTOMIZE);
        assertThat(byName.get("kustomize/overlays/dev").type()).isEqualTo(SourceType.KUSTOMIZE);
        assertThat(byName.get("kustomize/overlays/dev").helm()).isNull();
    }

    @Test
    void helmChartsGetOneAppPerEnvironmentValuesFile() {
        List<AppSource> apps = discoverer.discover(repo, List.of());

        AppSource prod = apps.stream().filter(a -> a.name().equals("apps/web@prod")).findFirst().orElseThrow();
        assertThat(prod.path()).isEqualTo("apps/web");
        assertThat(prod.type()).isEqualTo(SourceType.HELM);
        assertThat(prod.helm().valueFiles()).containsExactly("values-prod.yaml");
        AppSource staging = apps.stream().filter(a -> a.name().equals("apps/web@staging")).findFirst().orElseThrow();
        assertThat(staging.helm().valueFiles()).containsExactly("values-staging.yml");
        AppSource api = apps.stream().filter(a -> a.name().equals("apps/api")).findFirst().orElseThrow();
        assertThat(api.helm()).isEqualTo(HelmOptions.defaults());
    }

    @Test
    void libraryChartsAndComponentsAreNotAppsAndSaySo() throws Exception {
        write("charts/common/Chart.yaml", "apiVersion: v2\nname: common\ntype: library # helpers only\nversion: 2.0.0\n");
        write("charts/common/templates/_helpers.tpl", "{{- define \"common.name\" -}}x{{- end -}}\n");
        write("components/unused/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: \"Component\"\n");
        List<String> notes = new java.util.ArrayList<>();

        List<AppSource> apps = discoverer.discover(repo, List.of(), Set.of(ChartVariant.DEFAULT, ChartVariant.ENV),
                notes::add);

        assertThat(apps).extracting(AppSource::name)
                .doesNotContain("charts/common", "components/unused", "kustomize/components/labels");
        assertThat(notes).anyMatch(n -> n.startsWith("charts/common: library chart"))
                .anyMatch(n -> n.startsWith("components/unused: Kustomize Component that no kustomization"))
                .as("a used component is silent, like a base").noneMatch(n -> n.contains("kustomize/components"));
    }

    @Test
    void chartVariantsAreDefaultEnvAndOptionallyCi() throws Exception {
        write("apps/web/ci/hpa-values.yaml", "autoscaling:\n  enabled: true\n");
        write("apps/web/ci/default-values.yaml", "{}\n");

        assertThat(discoverer.discover(repo, List.of(), Set.of(ChartVariant.values()), n -> { }))
                .filteredOn(a -> a.path().equals("apps/web"))
                .extracting(AppSource::name, a -> a.helm().valueFiles())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("apps/web", List.of()),
                        org.assertj.core.groups.Tuple.tuple("apps/web@ci/default-values", List.of("ci/default-values.yaml")),
                        org.assertj.core.groups.Tuple.tuple("apps/web@ci/hpa-values", List.of("ci/hpa-values.yaml")),
                        org.assertj.core.groups.Tuple.tuple("apps/web@prod", List.of("values-prod.yaml")),
                        org.assertj.core.groups.Tuple.tuple("apps/web@staging", List.of("values-staging.yml")));
        assertThat(discoverer.discover(repo, List.of(), Set.of(ChartVariant.ENV), n -> { }))
                .filteredOn(a -> a.path().startsWith("apps/"))
                .extracting(AppSource::name)
                .as("without default, a chart with no env file still renders its defaults")
                .containsExactly("apps/api", "apps/web@prod", "apps/web@staging");
    }

    @Test
    void withoutExclusionsExcludedDirsShowUp() {
        assertThat(discoverer.discover(repo, null)).extracting(AppSource::name)
                .contains("vendor/thing", "scratch")
                .doesNotContain("linked", ".github/workflows", "config", "skipped", "kustomize/base",
                        "kustomize/components/labels", "kustomize/shared", "apps/web/charts/sub", "kh/charts/redis",
                        "overlay-with-subdir/manifests");
    }

    @Test
    void aBaseThatNothingReferencesIsAnApp() throws Exception {
        Files.delete(repo.resolve("kustomize/overlays/prod/kustomization.yaml"));
        Files.delete(repo.resolve("kustomize/overlays/dev/kustomization.yml"));

        assertThat(discoverer.discover(repo, List.of())).extracting(AppSource::name)
                .contains("kustomize/base", "kustomize/shared")
                .as("a Component cannot be built on its own").doesNotContain("kustomize/components/labels");
    }

    @Test
    void aRootChartIsTheOnlyApp() throws Exception {
        write("Chart.yaml", CHART);

        assertThat(discoverer.discover(repo, List.of())).extracting(AppSource::name).containsExactly(".");
    }
}
