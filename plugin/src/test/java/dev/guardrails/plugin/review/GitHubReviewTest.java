package dev.guardrails.plugin.review;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.guardrails.plugin.review.ReviewFixtures.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.guardrails.plugin.forge.ForgeApiException;
import dev.guardrails.plugin.forge.GitHubClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on GitHub: real Git repos on disk, real renders, WireMock as the GitHub API with App
 * authentication (JWT checked in the stub, installation token required on every other call).
 */
class GitHubReviewTest {

    private static final String TOKEN = "ghs_SEEDEDTOKEN123";
    private static final String SECRET_VALUE = "SuperSecretValue-42";
    private static final String REPO = "/repos/acme/gitops";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private WireMockServer server;
    private KeyPair keys;
    private Path keyFile;
    private GitRepo base;

    @BeforeEach
    void setUp() throws Exception {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        keys = ReviewFixtures.rsa();
        keyFile = Files.writeString(tmp.resolve("app.pem"), ReviewFixtures.pkcs1Pem(keys));
        base = GitRepo.init(tmp.resolve("base"));
        ReviewFixtures.baseLayout(base);
        base.commit("initial");

        server.stubFor(post(urlPathEqualTo("/app/installations/99/access_tokens"))
                .withHeader("Authorization", matching("Bearer ey.*"))
                .willReturn(okJson("{\"token\":\"" + TOKEN + "\",\"expires_at\":\"" + Instant.now().plusSeconds(3600)
                        + "\"}").withStatus(201)));
        server.stubFor(get(urlPathEqualTo(REPO + "/issues/7/comments")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson("[]")));
        server.stubFor(post(urlPathEqualTo(REPO + "/issues/7/comments")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson("{\"id\":555}").withStatus(201)));
        server.stubFor(patch(urlPathMatching(REPO + "/issues/comments/\\d+")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson("{}")));
        server.stubFor(post(urlPathEqualTo(REPO + "/check-runs")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson("{\"id\":77}").withStatus(201)));
        // The App's own identity: its comments are posted as guardrails[bot].
        server.stubFor(get(urlPathEqualTo("/app")).withHeader("Authorization", matching("Bearer ey.*"))
                .willReturn(okJson("{\"id\":12345,\"slug\":\"guardrails\"}")));
        server.stubFor(patch(urlPathEqualTo(REPO + "/check-runs/77")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson("{}")));
    }

    @AfterEach
    void tearDown() {
        base.close();
        server.stop();
    }

    private ReviewRequest request(String baseSha, String headSha, String headUrl) {
        return new ReviewRequest(dev.guardrails.plugin.review.Forge.GITHUB, server.baseUrl(), "acme/gitops", null, 7,
                "main", baseSha, base.url(), headSha, headUrl, 99L, "test");
    }

    /** Base at main, head = main + the given edits on a feature branch. */
    private ReviewRequest pr(Edit edit) throws Exception {
        String baseSha = headOf(base);
        base.checkout("feature", true);
        edit.apply(base);
        String headSha = base.commit("change");
        base.checkout("main", false);
        return request(baseSha, headSha, base.url());
    }

    private static String headOf(GitRepo repo) throws Exception {
        try (var git = org.eclipse.jgit.api.Git.open(repo.dir().toFile())) {
            return git.getRepository().resolve("HEAD").getName();
        }
    }

    @FunctionalInterface
    interface Edit {
        void apply(GitRepo repo) throws Exception;
    }

    /** Check run creations and updates, in the order they were sent. */
    private List<JsonNode> checkRunWrites() throws Exception {
        List<JsonNode> out = new java.util.ArrayList<>();
        List<com.github.tomakehurst.wiremock.stubbing.ServeEvent> events = new java.util.ArrayList<>(server.getAllServeEvents());
        events.sort(java.util.Comparator.comparing(e -> e.getRequest().getLoggedDate()));
        for (var e : events) {
            String url = e.getRequest().getUrl();
            String method = e.getRequest().getMethod().getName();
            if (url.startsWith(REPO + "/check-runs") && (method.equals("POST") || method.equals("PATCH"))) {
                out.add(JSON.readTree(e.getRequest().getBodyAsString()));
            }
        }
        return out;
    }

    /** The write that completed the check run (the in-progress run patched, or a completed one created). */
    private JsonNode completedRun() throws Exception {
        return checkRunWrites().stream().filter(r -> "completed".equals(r.path("status").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no completed check run"));
    }

    private List<JsonNode> bodies(com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pattern) throws Exception {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (LoggedRequest r : server.findAll(pattern)) {
            out.add(JSON.readTree(r.getBodyAsString()));
        }
        return out;
    }

    @Test
    void newFindingCreatesStickyCommentAndFailingCheckRunWithAnnotationAtFileAndLine() throws Exception {
        String changed = deployment("web", "nginx:latest");
        ReviewRequest request = pr(repo -> repo.write("apps/web/deployment.yaml", changed));
        List<Path> before = ReviewFixtures.reviewDirs();

        ReviewFixtures.service(ReviewFixtures.appClients(server.baseUrl(), keyFile, false)).review(request);

        List<JsonNode> comments = bodies(postRequestedFor(urlPathEqualTo(REPO + "/issues/7/comments")));
        assertThat(comments).hasSize(1);
        String comment = comments.get(0).path("body").asText();
        assertThat(comment).startsWith(GitHubClient.MARKER).contains("1 new blocking").contains("`latest-tag`")
                .contains("apps/web/deployment.yaml:" + ReviewFixtures.lineOf(changed, "image: nginx:latest"))
                .contains("How to exempt").contains("owner: team-name").contains("expires: ");

        List<JsonNode> runs = checkRunWrites();
        // Marked in progress first, then that same run completed.
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).path("status").asText()).isEqualTo("in_progress");
        server.verify(1, postRequestedFor(urlPathEqualTo(REPO + "/check-runs")));
        JsonNode run = runs.get(1);
        assertThat(run.path("name").asText()).isEqualTo("guardrails");
        assertThat(run.path("head_sha").asText()).isEqualTo(request.headSha());
        assertThat(run.path("status").asText()).isEqualTo("completed");
        assertThat(run.path("conclusion").asText()).isEqualTo("failure");
        JsonNode annotation = run.path("output").path("annotations").get(0);
        assertThat(annotation.path("path").asText()).isEqualTo("apps/web/deployment.yaml");
        assertThat(annotation.path("start_line").asInt()).isEqualTo(ReviewFixtures.lineOf(changed, "image: nginx:latest"));
        assertThat(annotation.path("annotation_level").asText()).isEqualTo("failure");
        assertThat(run.path("output").path("annotations")).hasSize(1);
        assertThat(ReviewFixtures.reviewDirs()).isEqualTo(before);
    }

    @Test
    void secondRunEditsTheSameCommentAndReusesTheInstallationToken() throws Exception {
        ReviewRequest request = pr(repo -> repo.write("apps/web/deployment.yaml", deployment("web", "nginx:latest")));
        ReviewService service = ReviewFixtures.service(ReviewFixtures.appClients(server.baseUrl(), keyFile, false));
        service.review(request);
        server.stubFor(get(urlPathEqualTo(REPO + "/issues/7/comments"))
                .willReturn(okJson("[{\"id\":11,\"body\":\"LGTM\"},{\"id\":555,\"user\":{\"login\":\"guardrails[bot]\"},\"body\":\"" + GitHubClient.MARKER
                        + " old\"},{\"id\":600,\"user\":{\"login\":\"guardrails[bot]\"},\"body\":\"" + GitHubClient.MARKER + " duplicate\"}]")));

        service.review(request);

        server.verify(1, postRequestedFor(urlPathEqualTo(REPO + "/issues/7/comments")));
        server.verify(1, patchRequestedFor(urlPathEqualTo(REPO + "/issues/comments/555")));
        server.verify(0, patchRequestedFor(urlPathEqualTo(REPO + "/issues/comments/600")));
        server.verify(1, postRequestedFor(urlPathEqualTo("/app/installations/99/access_tokens")));
        // The JWT is a real RS256 token from the App's key.
        String jwt = server.findAll(postRequestedFor(urlPathEqualTo("/app/installations/99/access_tokens"))).get(0)
                .getHeader("Authorization").substring("Bearer ".length());
        String[] parts = jwt.split("\\.");
        Signature verify = Signature.getInstance("SHA256withRSA");
        verify.initVerify(keys.getPublic());
        verify.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verify.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(claims.path("iss").asText()).isEqualTo("12345");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(600);
    }

    @Test
    void fixedFindingIsListedAndCheckSucceeds() throws Exception {
        base.write("apps/web/deployment.yaml", deployment("web", "nginx:latest"));
        base.commit("bad image on main");
        ReviewRequest request = pr(repo -> repo.write("apps/web/deployment.yaml", deployment("web", "nginx:1.27")));

        ReviewFixtures.service(ReviewFixtures.appClients(server.baseUrl(), keyFile, false)).review(request);

        String comment = bodies(postRequestedFor(urlPathEqualTo(REPO + "/issues/7/comments"))).get(0).path("body").asText();
        assertThat(comment).contains("0 new blocking").contains("1 fixed").contains("**Fixed**").contains("`latest-tag`");
        JsonNode run = completedRun();
        assertThat(run.path("conclusion").asText()).isEqualTo("success");
    }

    @Test
    void mergeQueueGroupGetsACompletedCheckRunAndNoComment() throws Exception {
        ReviewRequest pr = pr(repo -> repo.write("apps/web/deployment.yaml", deployment("web", "nginx:latest")));
        ReviewRequest group = new ReviewRequest(Forge.GITHUB, server.baseUrl(), "acme/gitops", null, 0, "main",
                pr.baseSha(), pr.baseCloneUrl(), pr.headSha(), pr.headCloneUrl(), 99L, "merge-group-delivery");

        ReviewFixtures.service(ReviewFixtures.appClients(server.baseUrl(), keyFile, false)).review(group);

        server.verify(0, getRequestedFor(urlPathMatching(REPO + "/issues/.*")));
        server.verify(0, postRequestedFor(urlPathMatching(REPO + "/issues/.*")));
        JsonNode run = completedRun();
        assertThat(run.path("head_sha").asText()).isEqualTo(pr.headSha());
        assertThat(run.path("conclusion").asText()).isEqualTo("failure");
    }

    @Test
    void cleanFirstRunCreatesNoCommentButSetsTheCheck() throws Exception {
        ReviewRequest request = pr(repo -> repo.write("apps/web/deployment.yaml", deployment("web", "nginx:1.27")));

        ReviewFixtures.service(ReviewFixtures.appClients(server.baseUrl(), keyFile, false)).review(request);

        server.verify(0, postRequestedFor(urlPathEqualTo(REPO + "/issues/7/comments")));
        JsonNode run = completedRun();
        assertThat(run.path("conclusion").asText()).isEqualTo("success");
        assertThat(run.path("output").path("title").asText()).isEqualTo("No new guardrail findings");
    }

    @Test
    void moreThanFiftyAnnotationsAreSentInBatches() throws Exception {
        ReviewRequest request = pr(repo -> repo.write("apps/web/deployment.yaml", ReviewFixtures.manyLatest("web", 120, "")));

        ReviewFixtures.service(ReviewFixtures.appClients(server.baseUrl(), keyFile, false)).review(request);

        List<JsonNode> writes = checkRunWrites();
        JsonNode created = writes.get(1);
        List<JsonNode> patches = writes.subList(2, writes.size());
        assertThat(created.path("status").asText()).isEqualTo("completed");
        assertThat(created.path("output").path("annotations")).hasSize(50);
        assertThat(patches).hasSize(2);
        assertThat(patches.get(0).path("output").path("annotations")).hasSize(50);
        assertThat(patches.get(1).path("output").path("annotations")).hasSize(20);
        java.util.Set<Integer> lines = new java.util.HashSet<>();
        created.path("output").path("annotations").forEach(a -> lines.add(a.path("start_line").asInt()));
        patches.forEach(p -> p.path("output").path("annotations").forEach(a -> lines.add(a.path("start_line").asInt())));
        assertThat(lines).hasSize(120);
    }

    @Test
    void hugePullRequestStaysUnderTheCommentLimitWithAnOverflowSummary() throws Exception {
        String padding = "-a-rather-long-container-name-to-make-rows-wide".repeat(2);
        ReviewRequest request = pr(repo -> {
            for (int app = 0; app < 3; app++) {
                repo.write("apps/bulk" + app + "/deployment.yaml", ReviewFixtures.manyLatest("bulk" + app, 100, padding));
            }
        });

        ReviewFixtures.service(ReviewFixtures.appClients(server.baseUrl(), keyFile, false)).review(request);

        String comment = bodies(postRequestedFor(urlPathEqualTo(REPO + "/issues/7/comments"))).get(0).path("body").asText();
        assertThat(comment.length()).isLessThan(65_536);
        assertThat(comment).startsWith(GitHubClient.MARKER).contains("300 new blocking").containsPattern("… \\d+ more new findings");
        JsonNode run = completedRun();
        assertThat(run.path("output").path("summary").asText().length()).isLessThan(65_536);
    }

    @Test
    void forkPullRequestFetchesTheHeadFromTheFork() throws Exception {
        String baseSha = headOf(base);
        try (GitRepo fork = GitRepo.cloneOf(base, tmp.resolve("fork"))) {
            fork.write("apps/api/deployment.yaml", deployment("api", "nginx:latest"));
            String headSha = fork.commit("fork change");

            ReviewFixtures.service(ReviewFixtures.appClients(server.baseUrl(), keyFile, false))
                    .review(request(baseSha, headSha, fork.url()));
        }
        String comment = bodies(postRequestedFor(urlPathEqualTo(REPO + "/issues/7/comments"))).get(0).path("body").asText();
        assertThat(comment).contains("1 new blocking").contains("apps/api/deployment.yaml");
    }

    @Test
    void onlyAffectedAppsAreRendered() throws Exception {
        ReviewRequest request = pr(repo -> repo
                .write("kustomize/base/deployment.yaml", deployment("shop", "nginx:latest"))
                .write("charts/cart/values.yaml", "image: nginx:latest\n"));

        ReviewFixtures.service(ReviewFixtures.appClients(server.baseUrl(), keyFile, false)).review(request);

        String comment = bodies(postRequestedFor(urlPathEqualTo(REPO + "/issues/7/comments"))).get(0).path("body").asText();
        // The overlay is affected through its base, the chart through its values; the plain apps are not.
        assertThat(comment).contains("| kustomize/overlays/prod |").contains("| charts/cart |")
                .contains("2 of 4 apps affected").contains("2 new blocking")
                .doesNotContain("apps/web").doesNotContain("apps/api");
        // Rendered-object diff: one object changed in each affected app.
        assertThat(comment).contains("| +0 / −0 / ~1 |");
    }

    @Test
    void policyChangeAffectsEveryApp() throws Exception {
        ReviewRequest request = pr(repo -> repo.write(".guardrails.yaml",
                ReviewFixtures.POLICY.replace("latest-tag: enforce", "latest-tag: warn")));

        ReviewFixtures.service(ReviewFixtures.appClients(server.baseUrl(), keyFile, false)).review(request);

        JsonNode run = completedRun();
        assertThat(run.path("conclusion").asText()).isEqualTo("success");
        assertThat(run.path("output").path("summary").asText()).contains("4 of 4 apps affected");
    }

    @Test
    void failedCreateIsNotRepeatedWhenTheCommentExistsAfterAll() throws Exception {
        // The create answers 502 but did happen: the next listing shows it, so it is edited, not posted again.
        server.stubFor(get(urlPathEqualTo(REPO + "/issues/7/comments")).inScenario("create").whenScenarioStateIs(STARTED)
                .willReturn(okJson("[]")));
        server.stubFor(post(urlPathEqualTo(REPO + "/issues/7/comments")).inScenario("create").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(502)).willSetStateTo("created"));
        server.stubFor(get(urlPathEqualTo(REPO + "/issues/7/comments")).inScenario("create").whenScenarioStateIs("created")
                .willReturn(okJson("[{\"id\":556,\"user\":{\"login\":\"guardrails[bot]\"},\"body\":\"" + GitHubClient.MARKER + "\"}]")));
        ReviewRequest request = pr(repo -> repo.write("apps/web/deployment.yaml", deployment("web", "nginx:latest")));

        ReviewFixtures.service(ReviewFixtures.appClients(server.baseUrl(), keyFile, false)).review(request);

        server.verify(1, postRequestedFor(urlPathEqualTo(REPO + "/issues/7/comments")));
        server.verify(1, patchRequestedFor(urlPathEqualTo(REPO + "/issues/comments/556")));
    }

    @Test
    void noSecretOrTokenLeavesTheProcess() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level level = root.getLevel();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        root.setLevel(Level.DEBUG);
        try {
            reviewWithSecret();
        } finally {
            root.detachAppender(logs);
            root.setLevel(level);
        }
        assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("reviewed"));
        for (ILoggingEvent e : logs.list) {
            assertThat(e.getFormattedMessage()).doesNotContain(SECRET_VALUE).doesNotContain(TOKEN);
        }
    }

    private void reviewWithSecret() throws Exception {
        ReviewRequest request = pr(repo -> repo
                .write("apps/web/deployment.yaml", deployment("web", "nginx:latest"))
                .write("apps/web/secret.yaml", """
                        apiVersion: v1
                        kind: Secret
                        metadata:
                          name: db
                        stringData:
                          password: %s
                        """.formatted(SECRET_VALUE)));

        ReviewFixtures.service(ReviewFixtures.appClients(server.baseUrl(), keyFile, false)).review(request);

        String comment = bodies(postRequestedFor(urlPathEqualTo(REPO + "/issues/7/comments"))).get(0).path("body").asText();
        assertThat(comment).contains("plaintext-secret");
        for (LoggedRequest r : server.getAllServeEvents().stream().map(e -> e.getRequest()).toList()) {
            assertThat(r.getBodyAsString()).doesNotContain(SECRET_VALUE).doesNotContain(TOKEN);
        }
    }

    @Test
    void clientErrorsAreNotRetriedAndSurfaceMethodPathAndStatus() throws Exception {
        server.stubFor(post(urlPathEqualTo(REPO + "/check-runs")).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Invalid annotation\"}")));
        ReviewRequest request = pr(repo -> repo.write("apps/web/deployment.yaml", deployment("web", "nginx:latest")));

        assertThatThrownBy(() -> ReviewFixtures.service(ReviewFixtures.appClients(server.baseUrl(), keyFile, false))
                .review(request))
                .isInstanceOf(ForgeApiException.class)
                .hasMessageContaining("POST " + REPO + "/check-runs").hasMessageContaining("422")
                .hasMessageNotContaining(TOKEN);
        // The in-progress mark failed too (logged, not fatal); the completing POST is not retried.
        server.verify(2, postRequestedFor(urlPathEqualTo(REPO + "/check-runs")));
        server.verify(1, getRequestedFor(urlPathEqualTo(REPO + "/issues/7/comments")));
    }
}
