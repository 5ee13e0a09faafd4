package dev.guardrails.plugin.cmp;

import static dev.guardrails.plugin.cmp.CmpTestSupport.argoEnv;
import static dev.guardrails.plugin.cmp.CmpTestSupport.sample;
import static dev.guardrails.plugin.cmp.CmpTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guardrails.plugin.server.CmpServer;
import java.nio.file.Files;
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

    private CmpServer server;
    private CmpServerHarness fast;
    private Map<String, String> base;

    @BeforeEach
    void start() throws Exception {
        server = CmpServer.start(tmp, Map.of());
        base = CmpTestSupport.baseEnv(tmp);
        base.put("GUARDRAILS_SERVER", server.cmpUrl());
        base.put("GUARDRAILS_CMP_TOKEN_FILE", server.tokenFile().toString());
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
    void aWrongOrMissingTokenIsAClearError() throws Exception {
        Map<String, String> env = argoEnv("shop-dev", "storefront-dev", "overlays/dev", null);
        Path wrong = write(tmp.resolve("wrong-token"), "0123456789abcdef0123456789abcdef\n");
        base.put("GUARDRAILS_CMP_TOKEN_FILE", wrong.toString());
        assertThat(failure(() -> new CmpServerHarness(CmpTestSupport.realPlugin(), base, tmp, CmpTestSupport.DEADLINE)
                .generate(sample("kustomize-overlays"), "overlays/dev", env)))
                .contains("guardrails: missing or wrong CMP token");

        base.put("GUARDRAILS_CMP_TOKEN_FILE", tmp.resolve("absent").toString());
        assertThat(failure(() -> new CmpServerHarness(CmpTestSupport.realPlugin(), base, tmp, CmpTestSupport.DEADLINE)
                .generate(sample("kustomize-overlays"), "overlays/dev", env)))
                .contains("guardrails: cannot read the CMP token file");
    }

    @Test
    void theEndpointAnswersOnlyOnItsListenerWithTheToken() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String body = "{\"dir\":\"" + sample("plain") + "\",\"env\":{}}";

        // Not on the main listener (where webhooks and probes arrive), token or not.
        HttpResponse<String> onMain = post(http, server.mainUrl(), body, server.token());
        assertThat(onMain.statusCode()).isEqualTo(404);
        // Not without the token.
        HttpResponse<String> noToken = post(http, server.cmpUrl(), body, null);
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(noToken.body()).startsWith("guardrails: missing or wrong CMP token");
        assertThat(post(http, server.cmpUrl(), body, server.token() + "x").statusCode()).isEqualTo(401);

        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(server.mainUrl() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    void errorsDoNotTellWhetherAPathExistsAndTheRootCannotBeWidened() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Path secretDir = write(tmp.resolve("elsewhere/secrets/s.yaml"),
                "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {k: c2VjcmV0}\n").getParent();
        Path workDir = tmp.resolve("_cmp_server");
        Path request = write(workDir.resolve("4f1c/app/cm.yaml"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n").getParent();
        Files.createSymbolicLink(workDir.resolve("4f1c/link"), secretDir);

        String existing = answer(http, "{\"dir\":\"" + secretDir + "\",\"env\":{}}");
        String missing = answer(http, "{\"dir\":\"" + tmp.resolve("elsewhere/nope") + "\",\"env\":{}}");
        String workDirItself = answer(http, "{\"dir\":\"" + workDir + "\",\"env\":{}}");
        String viaSymlink = answer(http, "{\"dir\":\"" + workDir.resolve("4f1c/link") + "\",\"env\":{}}");
        String relative = answer(http, "{\"dir\":\"4f1c/app\",\"env\":{}}");
        assertThat(existing).startsWith("400 ").isEqualTo(missing).isEqualTo(workDirItself).isEqualTo(viaSymlink)
                .isEqualTo(relative).doesNotContain(secretDir.toString()).doesNotContain("c2VjcmV0");

        // ARGOCD_APP_SOURCE_PATH cannot move the root above the request dir: the server sets it itself.
        String widened = answer(http, "{\"dir\":\"" + request + "\",\"env\":{\"ARGOCD_APP_NAME\":\"a\","
                + "\"ARGOCD_APP_NAMESPACE\":\"default\",\"ARGOCD_APP_SOURCE_PATH\":\"" + tmp.relativize(request) + "\"}}");
        assertThat(widened).startsWith("200 ").contains("name: \"a\"").doesNotContain("Secret");
    }

    private String answer(HttpClient http, String body) throws Exception {
        HttpResponse<String> r = post(http, server.cmpUrl(), body, server.token());
        return r.statusCode() + " " + r.body();
    }

    private static HttpResponse<String> post(HttpClient http, String base, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/v1/cmp/generate"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("X-Guardrails-Cmp-Token", token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
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
