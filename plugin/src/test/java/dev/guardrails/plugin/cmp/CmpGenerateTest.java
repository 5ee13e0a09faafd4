package dev.guardrails.plugin.cmp;

import static dev.guardrails.plugin.cmp.CmpTestSupport.argoEnv;
import static dev.guardrails.plugin.cmp.CmpTestSupport.find;
import static dev.guardrails.plugin.cmp.CmpTestSupport.sample;
import static dev.guardrails.plugin.cmp.CmpTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code guardrails cmp generate} run exactly as argocd-cmp-server would, through {@link CmpServerHarness}. */
class CmpGenerateTest {

    @TempDir
    Path tmp;

    private CmpServerHarness cli;

    @BeforeEach
    void harness() throws Exception {
        cli = new CmpServerHarness(CmpTestSupport.testPlugin("plugin-cli.yaml"), CmpTestSupport.baseEnv(tmp), tmp,
                CmpTestSupport.DEADLINE);
    }

    @Test
    void warnModeAnnotatesFindingsAndPolicyVersionAndKeepsOrder() throws Exception {
        CmpServerHarness.Generated out = cli.generate(sample("kustomize-overlays"), "overlays/dev",
                argoEnv("argocd_shop-dev", "storefront-dev", "overlays/dev", "[{\"name\":\"mode\",\"string\":\"warn\"}]"));

        List<ObjectNode> bare = CmpServerHarness.parse(kustomize(sample("kustomize-overlays").resolve("overlays/dev")));
        assertThat(out.manifests()).extracting(o -> o.path("kind").asText() + "/" + o.path("metadata").path("name").asText())
                .containsExactlyElementsOf(bare.stream()
                        .map(o -> o.path("kind").asText() + "/" + o.path("metadata").path("name").asText()).toList());
        assertThat(out.manifests()).allSatisfy(o ->
                assertThat(o.path("metadata").path("annotations").path(PolicyVersion.ANNOTATION).asText()).matches("[0-9a-f]{12}"));
        List<String> findings = out.manifests().stream()
                .map(o -> o.path("metadata").path("annotations").path(CmpGenerator.FINDINGS_ANNOTATION).asText(""))
                .filter(s -> !s.isEmpty()).toList();
        assertThat(findings).isNotEmpty().allSatisfy(a -> assertThat(a).matches("[a-z0-9-]+: .+").hasSizeLessThanOrEqualTo(1024));
        ObjectNode deployment = find(out.manifests(), "Deployment", "web");
        assertThat(deployment.path("spec")).isEqualTo(find(bare, "Deployment", "web").path("spec"));
        assertThat(out.stderr()).contains("policy-version"); // noise on stderr does not disturb the manifests
    }

    @Test
    void enforceModeFailsWithAShortReadableList() throws Exception {
        assertThatThrownBy(() -> cli.generate(sample("kustomize-overlays"), "overlays/prod",
                argoEnv("shop-prod", "storefront", "overlays/prod", null)))
                .isInstanceOf(CmpServerHarness.CmpFailure.class)
                .satisfies(e -> {
                    String msg = e.getMessage();
                    assertThat(msg).startsWith("`sh -c 'set -o pipefail; exec").contains("failed exit status 1: ")
                            .contains("guardrails: blocked app 'shop-prod' (enforce mode, profile production)")
                            .containsPattern("✗ [a-z0-9-]+  Deployment/storefront/web  base/deployment.yaml:\\d+")
                            .contains("  why: ", "  fix: ", "owner: <team>", "expires: <YYYY-MM-DD>",
                                    "guardrails explain ");
                    String stderr = msg.substring(msg.indexOf("guardrails: blocked"));
                    assertThat(CmpTestSupport.lines(stderr)).isLessThanOrEqualTo(40);
                    assertThat(stderr).containsPattern("… and \\d+ more");
                    // capabilities-added fires twice (NET_ADMIN, SYS_PTRACE); its fix is printed once.
                    assertThat(stderr.split("✗ capabilities-added ", -1)).hasSize(3);
                    assertThat(stderr.split("fix: Remove the capability", -1)).hasSize(2);
                });
    }

    @Test
    void enforceFailureNeverShowsSecretValues() throws Exception {
        Path repo = tmp.resolve("repo");
        write(repo.resolve("app/secret.yaml"), """
                apiVersion: v1
                kind: Secret
                metadata: {name: db, labels: {app.kubernetes.io/name: db, team: a}}
                stringData:
                  password: hunter2-topsecret
                """);
        assertThatThrownBy(() -> cli.generate(repo, "app", argoEnv("db", "data", "app",
                "[{\"name\":\"mode\",\"string\":\"enforce\"}]")))
                .satisfies(e -> assertThat(e.getMessage()).contains("plaintext-secret").doesNotContain("hunter2"));
    }

    @Test
    void helmAppTakesValuesFilesParametersReleaseNameAndKubeVersion() throws Exception {
        CmpServerHarness.Generated out = cli.generate(sample("helm-chart"), "charts/api",
                argoEnv("orders_api-prod", "orders", "charts/api", """
                        [{"name":"mode","string":"warn"},
                         {"name":"values-files","array":["values-prod.yaml"]},
                         {"name":"helm-parameters","map":{"image.tag":"9.9.9","replicaCount":"4"}}]"""));

        ObjectNode deployment = find(out.manifests(), "Deployment", "api-prod");
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(4);
        assertThat(deployment.at("/spec/template/spec/containers/0/image").asText()).endsWith(":9.9.9");
        assertThat(deployment.at("/metadata/namespace").isMissingNode()
                || deployment.at("/metadata/namespace").asText().equals("orders")).isTrue();
    }

    @Test
    void kubeVersionAndApiVersionsReachHelm() throws Exception {
        Path repo = tmp.resolve("repo");
        write(repo.resolve("chart/Chart.yaml"), "apiVersion: v2\nname: caps\nversion: 0.1.0\n");
        write(repo.resolve("chart/templates/cm.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{ .Release.Name }}-caps
                  labels: {app.kubernetes.io/name: caps, team: a}
                data:
                  kube: {{ .Capabilities.KubeVersion.Version | quote }}
                  widgets: {{ .Capabilities.APIVersions.Has "example.com/v1/Widget" | quote }}
                """);
        Map<String, String> env = argoEnv("caps", "default", "chart", "null");
        env.put("KUBE_VERSION", "1.29.3");
        env.put("KUBE_API_VERSIONS", "apps/v1,example.com/v1,example.com/v1/Widget,v1");

        ObjectNode cm = find(cli.generate(repo, "chart", env).manifests(), "ConfigMap", "caps-caps");

        assertThat(cm.at("/data/kube").asText()).isEqualTo("v1.29.3");
        assertThat(cm.at("/data/widgets").asText()).isEqualTo("true");
    }

    @Test
    void nullParametersAndListAndJsonInputsAreFlattened() throws Exception {
        Path repo = tmp.resolve("repo");
        write(repo.resolve("app/list.yaml"), """
                apiVersion: v1
                kind: List
                items:
                  - {apiVersion: v1, kind: ConfigMap, metadata: {name: one, labels: {app.kubernetes.io/name: x, team: a}}}
                  - {apiVersion: v1, kind: ConfigMap, metadata: {name: two, labels: {app.kubernetes.io/name: x, team: a}}}
                """);
        write(repo.resolve("app/three.json"), """
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "three"}, "data": {"port": "8080", "on": "true"}}
                """);

        List<ObjectNode> out = cli.generate(repo, "app", argoEnv("plain", "default", "app", "null")).manifests();

        assertThat(out).extracting(o -> o.path("metadata").path("name").asText()).containsExactly("one", "two", "three");
        assertThat(find(out, "ConfigMap", "three").at("/data/port").isTextual()).isTrue();
        assertThat(find(out, "ConfigMap", "three").at("/data/on").asText()).isEqualTo("true");
    }

    @Test
    void malformedParametersFailWithAClearError() {
        assertThatThrownBy(() -> cli.generate(sample("kustomize-overlays"), "overlays/dev",
                argoEnv("shop-dev", "storefront-dev", "overlays/dev", "[{\"name\":\"mode\",\"string\":")))
                .hasMessageContaining("failed exit status 1: guardrails: ARGOCD_APP_PARAMETERS is not valid JSON");
    }

    @Test
    void renderFailureCarriesTheToolsStderr() throws Exception {
        Path repo = tmp.resolve("repo");
        write(repo.resolve("app/kustomization.yaml"), "resources:\n  - missing.yaml\n");
        assertThatThrownBy(() -> cli.generate(repo, "app", argoEnv("broken", "default", "app", null)))
                .hasMessageContaining("failed exit status 1: guardrails: cannot render app 'broken'")
                .hasMessageContaining("missing.yaml");
    }

    @Test
    void emptyOutputIsRefusedUnlessAllowed() throws Exception {
        Path repo = tmp.resolve("repo");
        write(repo.resolve("app/kustomization.yaml"), "resources: []\n");
        assertThatThrownBy(() -> cli.generate(repo, "app", argoEnv("empty", "default", "app", null)))
                .hasMessageContaining("refusing to output no manifests")
                .hasMessageContaining("allow-empty=true");

        CmpServerHarness.Generated allowed = cli.generate(repo, "app", argoEnv("empty", "default", "app",
                "[{\"name\":\"allow-empty\",\"string\":\"true\"}]"));
        assertThat(allowed.manifests()).isEmpty();
    }

    @Test
    void theRealPluginYamlRunsTheDirectPath() throws Exception {
        CmpServerHarness real = new CmpServerHarness(CmpTestSupport.realPlugin(), CmpTestSupport.baseEnv(tmp), tmp,
                CmpTestSupport.DEADLINE);
        assertThat(real.plugin().name()).isEqualTo("guardrails");
        assertThat(real.plugin().version()).isEqualTo("v1");

        Map<String, String> env = argoEnv("shop-dev", "storefront-dev", "overlays/dev", null);
        env.put("ARGOCD_ENV_GUARDRAILS_MODE", "warn");
        assertThat(real.generate(sample("kustomize-overlays"), "overlays/dev", env).manifests()).hasSize(3);
    }

    static String kustomize(Path dir) throws Exception {
        Process p = new ProcessBuilder(CmpTestSupport.PROJECT_ROOT.resolve("tools/bin/kubectl").toString(),
                "kustomize", dir.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        return out;
    }
}
