package dev.guardrails.plugin.cmp;

import static dev.guardrails.plugin.cmp.CmpTestSupport.argoEnv;
import static dev.guardrails.plugin.cmp.CmpTestSupport.sample;
import static dev.guardrails.plugin.cmp.CmpTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast path end to end: the real plugin.yaml with {@code GUARDRAILS_SERVER} set runs
 * {@code argocd-integration/cmp/generate.sh}, which posts to {@code guardrails serve} running in
 * this JVM. Its answers must equal the direct CLI path's.
 */
class CmpFastPathTest {

    @TempDir
    Path tmp;

    private EmbeddedServer server;
    private CmpServerHarness fast;
    private Map<String, String> base;

    @BeforeEach
    void start() throws Exception {
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.host", "127.0.0.1",
                "micronaut.server.port", -1,
                "guardrails.cmp.allowed-roots", tmp.resolve("_cmp_server").toString()));
        base = CmpTestSupport.baseEnv(tmp);
        base.put("GUARDRAILS_SERVER", "http://127.0.0.1:" + server.getPort());
        base.put("GUARDRAILS_CMP_SCRIPT", CmpTestSupport.PROJECT_ROOT.resolve("argocd-integration/cmp/generate.sh").toString());
        fast = new CmpServerHarness(CmpTestSupport.realPlugin(), base, tmp, CmpTestSupport.DEADLINE);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void warnModeOutputEqualsTheDirectPath() throws Exception {
        Map<String, String> env = argoEnv("argocd_shop-dev", "storefront-dev", "overlays/dev",
                "[{\"name\":\"mode\",\"string\":\"warn\"}]");
        CmpServerHarness direct = new CmpServerHarness(CmpTestSupport.testPlugin("plugin-cli.yaml"),
                CmpTestSupport.baseEnv(tmp), tmp, CmpTestSupport.DEADLINE);

        CmpServerHarness.Generated viaServer = fast.generate(sample("kustomize-overlays"), "overlays/dev", env);

        assertThat(viaServer.manifests()).isNotEmpty()
                .isEqualTo(direct.generate(sample("kustomize-overlays"), "overlays/dev", env).manifests());
        assertThat(viaServer.manifests()).anySatisfy(o ->
                assertThat(o.path("metadata").path("annotations").has(CmpGenerator.FINDINGS_ANNOTATION)).isTrue());
    }

    @Test
    void enforceFailureShowsTheSameTextAsTheCli() throws Exception {
        Map<String, String> env = argoEnv("shop-prod", "storefront", "overlays/prod", null);
        String viaServer = failure(() -> fast.generate(sample("kustomize-overlays"), "overlays/prod", env));
        CmpServerHarness direct = new CmpServerHarness(CmpTestSupport.testPlugin("plugin-cli.yaml"),
                CmpTestSupport.baseEnv(tmp), tmp, CmpTestSupport.DEADLINE);
        String viaCli = failure(() -> direct.generate(sample("kustomize-overlays"), "overlays/prod", env));

        assertThat(viaServer).contains("failed exit status 1: guardrails: blocked app 'shop-prod'");
        assertThat(after(viaServer, "guardrails: blocked")).isEqualTo(after(viaCli, "guardrails: blocked"));
    }

    @Test
    void valuesWithQuotesBackslashesAndControlCharactersSurviveTheShellJson() throws Exception {
        Path repo = tmp.resolve("repo");
        write(repo.resolve("app/cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");
        String tricky = "a \"quoted\" back\\slash\ttab\u0001 \u00fc \u20ac $HOME `x` line1\nline2";

        Map<String, String> viaEnv = argoEnv("echo", "default", "app", null);
        viaEnv.put("ARGOCD_ENV_GUARDRAILS_PROFILE", tricky);
        assertThat(failure(() -> fast.generate(repo, "app", viaEnv)))
                .contains("guardrails: profile '" + tricky + "' is not defined");

        String jsonEscaped = tricky.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t")
                .replace("\n", "\\n").replace("\u0001", "\\u0001");
        Map<String, String> viaParameters = argoEnv("echo", "default", "app",
                "[{\"name\":\"profile\",\"string\":\"" + jsonEscaped + "\"}]");
        assertThat(failure(() -> fast.generate(repo, "app", viaParameters)))
                .contains("guardrails: profile '" + tricky + "' is not defined");
    }

    @Test
    void anUnreachableServerIsAClearError() throws Exception {
        base.put("GUARDRAILS_SERVER", "http://127.0.0.1:1");
        CmpServerHarness down = new CmpServerHarness(CmpTestSupport.realPlugin(), base, tmp, CmpTestSupport.DEADLINE);
        assertThatThrownBy(() -> down.generate(sample("kustomize-overlays"), "overlays/dev",
                argoEnv("shop-dev", "storefront-dev", "overlays/dev", null)))
                .hasMessageContaining("failed exit status 1: ")
                .hasMessageContaining("guardrails: cannot reach the guardrails server at http://127.0.0.1:1");
    }

    @Test
    void badRequestsAreRefusedAndHealthAnswers() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI generate = URI.create("http://127.0.0.1:" + server.getPort() + "/api/v1/cmp/generate");
        HttpResponse<String> outside = http.send(HttpRequest.newBuilder(generate)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"dir\":\"" + sample("plain") + "\",\"env\":{}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(outside.statusCode()).isEqualTo(400);
        assertThat(outside.body()).contains("not under an allowed root");

        HttpResponse<String> noDir = http.send(HttpRequest.newBuilder(generate)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"env\":{}}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noDir.statusCode()).isEqualTo(400);

        HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.getPort() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    private interface Call {
        void run() throws Exception;
    }

    private static String failure(Call call) {
        try {
            call.run();
        } catch (Exception e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a failure");
    }

    private static String after(String text, String marker) {
        return text.substring(text.indexOf(marker));
    }
}
