package dev.guardrails.plugin.review;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole PR bot in one piece: a signed GitHub pull_request delivery to the real server on a
 * loopback port, the real queue and reviewer, real Git repos and renders, and WireMock as the
 * GitHub API (GitHub App auth). Nothing of our own is faked.
 */
class PrBotEndToEndTest {

    private static final String SECRET = "e2e-webhook-secret";
    private static final String TOKEN = "ghs_e2eInstallationToken0123456789";
    private static final String REPO = "/repos/acme/gitops";

    @TempDir
    Path tmp;

    private WireMockServer github;
    private ApplicationContext context;
    private GitRepo repo;

    @BeforeEach
    void setUp() throws Exception {
        github = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        github.start();
        github.stubFor(post(urlPathEqualTo("/app/installations/99/access_tokens"))
                .withHeader("Authorization", matching("Bearer ey.*"))
                .willReturn(okJson("{\"token\":\"" + TOKEN + "\",\"expires_at\":\"" + Instant.now().plusSeconds(3600)
                        + "\"}").withStatus(201)));
        github.stubFor(get(urlPathEqualTo(REPO + "/issues/7/comments"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)).willReturn(okJson("[]")));
        github.stubFor(post(urlPathEqualTo(REPO + "/issues/7/comments"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)).willReturn(okJson("{\"id\":555}").withStatus(201)));
        github.stubFor(post(urlPathEqualTo(REPO + "/check-runs"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)).willReturn(okJson("{\"id\":77}").withStatus(201)));
        github.stubFor(com.github.tomakehurst.wiremock.client.WireMock.patch(urlPathEqualTo(REPO + "/check-runs/77"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)).willReturn(okJson("{\"id\":77}")));
        github.stubFor(get(urlPathEqualTo("/app")).withHeader("Authorization", matching("Bearer ey.*"))
                .willReturn(okJson("{\"id\":12345,\"slug\":\"guardrails\"}")));

        Path key = Files.writeString(tmp.resolve("app.pem"), ReviewFixtures.pkcs1Pem(ReviewFixtures.rsa()));
        context = ApplicationContext.run(Map.of(
                "micronaut.server.port", -1,
                "micronaut.server.host", "127.0.0.1",
                "guardrails.github.webhook-secret", SECRET,
                "guardrails.github.api-url", github.baseUrl(),
                "guardrails.github.app-id", "12345",
                "guardrails.github.private-key-path", key.toString(),
                "guardrails.review.state-dir", tmp.resolve("state").toString(),
                // The fixture repo is cloned from a local path: allow it explicitly (clone-host allow-list).
                "guardrails.review.clone-hosts", tmp.toUri().toString()));
        context.getBean(EmbeddedServer.class).start();
        repo = GitRepo.init(tmp.resolve("repo"));
    }

    @AfterEach
    void tearDown() {
        if (repo != null) {
            repo.close();
        }
        context.close();
        github.stop();
    }

    @Test
    void aSignedPullRequestDeliveryEndsAsAStickyCommentAndAFailedCheckRun() throws Exception {
        ReviewFixtures.baseLayout(repo);
        String baseSha = repo.commit("initial");
        repo.checkout("feature", true);
        String manifest = ReviewFixtures.deployment("web", "nginx:latest");
        repo.write("apps/web/deployment.yaml", manifest);
        String headSha = repo.commit("use latest");
        repo.checkout("main", false);

        byte[] body = payload(baseSha, headSha);
        HttpResponse<String> answer = deliver(body, sign(body));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        assertThat(context.getBean(BoundedReviewQueue.class).awaitIdle(Duration.ofSeconds(90))).isTrue();

        List<LoggedRequest> comments = github.findAll(postRequestedFor(urlPathEqualTo(REPO + "/issues/7/comments")));
        assertThat(comments).hasSize(1);
        String comment = new ObjectMapper().readTree(comments.get(0).getBodyAsString()).path("body").asText();
        assertThat(comment).contains("<!-- guardrails:sticky -->").contains("latest-tag").contains("apps/web");

        // In progress as soon as the delivery was accepted, then that same run completed.
        List<LoggedRequest> runs = github.findAll(postRequestedFor(urlPathEqualTo(REPO + "/check-runs")));
        assertThat(runs).hasSize(1);
        assertThat(new ObjectMapper().readTree(runs.get(0).getBodyAsString()).path("status").asText()).isEqualTo("in_progress");
        List<LoggedRequest> completed = github.findAll(
                com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor(urlPathEqualTo(REPO + "/check-runs/77")));
        assertThat(completed).hasSize(1);
        JsonNode run = new ObjectMapper().readTree(completed.get(0).getBodyAsString());
        assertThat(run.path("status").asText()).isEqualTo("completed");
        assertThat(run.path("head_sha").asText()).isEqualTo(headSha);
        assertThat(run.path("conclusion").asText()).isEqualTo("failure");
        JsonNode annotation = run.path("output").path("annotations").get(0);
        assertThat(annotation.path("path").asText()).isEqualTo("apps/web/deployment.yaml");
        assertThat(annotation.path("start_line").asInt()).isEqualTo(ReviewFixtures.lineOf(manifest, "image: nginx:latest"));

        // Only the changed app was re-rendered and reported; tokens never leave the Authorization header.
        assertThat(comment).doesNotContain("apps/api").doesNotContain(TOKEN);
        assertThat(runs.get(0).getBodyAsString()).doesNotContain(TOKEN);
    }

    @Test
    void aBadlySignedDeliveryChangesNothing() throws Exception {
        byte[] body = payload("0".repeat(40), "1".repeat(40));
        HttpResponse<String> answer = deliver(body, "sha256=" + "00".repeat(32));
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(context.getBean(BoundedReviewQueue.class).awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(github.getAllServeEvents()).isEmpty();
    }

    /** GitHub's recorded pull_request "opened" payload, pointed at the test repo and commits. */
    private byte[] payload(String baseSha, String headSha) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(getClass().getResourceAsStream("/webhook/github/pull_request-opened.json"));
        root.put("number", 7);
        ObjectNode pr = (ObjectNode) root.get("pull_request");
        pr.put("number", 7);
        pr.put("draft", false);
        for (String side : List.of("base", "head")) {
            ObjectNode ref = (ObjectNode) pr.get(side);
            ref.put("sha", side.equals("base") ? baseSha : headSha);
            ref.put("ref", side.equals("base") ? "main" : "feature");
            ObjectNode r = (ObjectNode) ref.get("repo");
            r.put("full_name", "acme/gitops");
            r.put("clone_url", repo.url());
        }
        ObjectNode repository = (ObjectNode) root.get("repository");
        repository.put("full_name", "acme/gitops");
        repository.put("clone_url", repo.url());
        root.putObject("installation").put("id", 99);
        return json.writeValueAsBytes(root);
    }

    private HttpResponse<String> deliver(byte[] body, String signature) throws Exception {
        int port = context.getBean(EmbeddedServer.class).getPort();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/github"))
                        .header("Content-Type", "application/json")
                        .header("X-GitHub-Event", "pull_request")
                        .header("X-GitHub-Delivery", java.util.UUID.randomUUID().toString())
                        .header("X-Hub-Signature-256", signature)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String sign(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

}
