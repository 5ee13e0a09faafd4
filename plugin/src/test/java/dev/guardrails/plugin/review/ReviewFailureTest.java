package dev.guardrails.plugin.review;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.guardrails.plugin.forge.GitHubClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Visible states of reviews that cannot complete, and of GitLab reviews that can: a repository that
 * cannot be fetched leaves a failed check (GitHub App) or failed status (GitLab) and a comment with
 * the reason and how to re-run; a GitLab review posts a positioned diff discussion once.
 */
class ReviewFailureTest {

    private static final String TOKEN = "ghs_FAILTOKEN123";
    private static final String GL_TOKEN = "glpat-FAILTOKEN";
    private static final String REPO = "/repos/acme/gitops";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private WireMockServer server;

    @BeforeEach
    void setUp() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
    }

    @AfterEach
    void tearDown() {
        server.stop();
    }

    private List<JsonNode> bodies(com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pattern) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (var r : server.findAll(pattern)) {
            out.add(JSON.readTree(r.getBodyAsString()));
        }
        return out;
    }

    @Test
    void gitHubAppReviewOfAnUnreachableRepoEndsAsAFailedCheckAndAReRunComment() throws Exception {
        Path key = Files.writeString(tmp.resolve("app.pem"), ReviewFixtures.pkcs1Pem(ReviewFixtures.rsa()));
        server.stubFor(post(urlPathEqualTo("/app/installations/99/access_tokens")).willReturn(okJson("{\"token\":\""
                + TOKEN + "\",\"expires_at\":\"" + Instant.now().plusSeconds(3600) + "\"}").withStatus(201)));
        server.stubFor(get(urlPathEqualTo("/app")).withHeader("Authorization", matching("Bearer ey.*"))
                .willReturn(okJson("{\"slug\":\"guardrails\"}")));
        server.stubFor(get(urlPathEqualTo(REPO + "/issues/7/comments")).willReturn(okJson("[]")));
        server.stubFor(post(urlPathEqualTo(REPO + "/issues/7/comments")).willReturn(okJson("{\"id\":5}").withStatus(201)));
        server.stubFor(post(urlPathEqualTo(REPO + "/check-runs")).willReturn(okJson("{\"id\":77}").withStatus(201)));
        server.stubFor(patch(urlPathEqualTo(REPO + "/check-runs/77")).willReturn(okJson("{}")));
        ReviewRequest request = new ReviewRequest(Forge.GITHUB, server.baseUrl(), "acme/gitops", null, 7, "main",
                "a".repeat(40), tmp.resolve("missing").toUri().toString(), "b".repeat(40),
                tmp.resolve("missing").toUri().toString(), 99L, "d-1");
        ReviewService service = ReviewFixtures.service(ReviewFixtures.appClients(server.baseUrl(), key, false));

        Exception failure = null;
        try {
            service.review(request);
        } catch (Exception e) {
            failure = e;
        }
        assertThat(failure).isNotNull();
        // What the queue does once retries are used up.
        service.failed(request, dev.guardrails.plugin.review.BoundedReviewQueue.describe(failure)
                + " via https://x-access-token:" + TOKEN + "@github.com/acme/gitops.git");

        List<JsonNode> runs = bodies(postRequestedFor(urlPathEqualTo(REPO + "/check-runs")));
        assertThat(runs).singleElement().satisfies(r -> assertThat(r.path("status").asText()).isEqualTo("in_progress"));
        JsonNode completed = bodies(patchRequestedFor(urlPathEqualTo(REPO + "/check-runs/77"))).get(0);
        assertThat(completed.path("status").asText()).isEqualTo("completed");
        assertThat(completed.path("conclusion").asText()).isEqualTo("failure");
        assertThat(completed.path("output").path("title").asText()).startsWith("Review failed: SourceException");
        String comment = bodies(postRequestedFor(urlPathEqualTo(REPO + "/issues/7/comments"))).get(0).path("body").asText();
        assertThat(comment).startsWith(GitHubClient.MARKER).contains("review failed").contains("cannot fetch acme/gitops#7")
                .contains("`/guardrails rescan`").contains("**Re-run**").doesNotContain(TOKEN);
    }

    @Test
    void gitLabFailureSetsAFailedStatusAndEditsTheBotsNote() throws Exception {
        String notes = "/api/v4/projects/42/merge_requests/3/notes";
        server.stubFor(get(urlPathEqualTo("/api/v4/user")).willReturn(okJson("{\"id\":5}")));
        server.stubFor(get(urlPathEqualTo(notes)).willReturn(okJson("[{\"id\":30,\"author\":{\"id\":9},\"body\":\"> "
                + GitHubClient.MARKER + "\"},{\"id\":31,\"author\":{\"id\":5},\"body\":\"" + GitHubClient.MARKER + " old\"}]")));
        server.stubFor(put(urlPathMatching(notes + "/\\d+")).willReturn(okJson("{}")));
        server.stubFor(post(urlPathMatching("/api/v4/projects/42/statuses/.*")).willReturn(okJson("{}").withStatus(201)));
        ReviewRequest request = new ReviewRequest(Forge.GITLAB, server.baseUrl() + "/api/v4", "group/gitops", "42", 3,
                "main", null, "https://gitlab.example.com/group/gitops.git", "c".repeat(40),
                "https://gitlab.example.com/group/gitops.git", null, "u-1");

        ReviewFixtures.service(ReviewFixtures.gitlabClients(server.baseUrl() + "/api/v4", GL_TOKEN))
                .failed(request, "GET /projects/42/merge_requests/3 failed: HTTP 401 (token " + GL_TOKEN + " rejected)");

        server.verify(0, putRequestedFor(urlPathEqualTo(notes + "/30")));
        String note = bodies(putRequestedFor(urlPathEqualTo(notes + "/31"))).get(0).path("body").asText();
        assertThat(note).contains("review failed").contains("HTTP 401").contains("merge request").doesNotContain(GL_TOKEN)
                .doesNotContain("Re-run**");
        JsonNode status = bodies(postRequestedFor(urlPathEqualTo("/api/v4/projects/42/statuses/" + "c".repeat(40)))).get(0);
        assertThat(status.path("state").asText()).isEqualTo("failed");
        assertThat(status.path("description").asText()).startsWith("Review failed: GET /projects/42");
    }

    @Test
    void gitLabReviewPostsOnePositionedDiscussionPerFinding() throws Exception {
        String mr = "/api/v4/projects/42/merge_requests/3";
        try (GitRepo repo = GitRepo.init(tmp.resolve("repo"))) {
            ReviewFixtures.baseLayout(repo);
            String baseSha = repo.commit("initial");
            repo.checkout("feature", true);
            String changed = ReviewFixtures.deployment("web", "nginx:latest");
            repo.write("apps/web/deployment.yaml", changed);
            String headSha = repo.commit("latest");
            repo.checkout("main", false);
            server.stubFor(get(urlPathEqualTo("/api/v4/user")).willReturn(okJson("{\"id\":5}")));
            server.stubFor(get(urlPathEqualTo(mr + "/notes")).willReturn(okJson("[]")));
            server.stubFor(post(urlPathEqualTo(mr + "/notes")).willReturn(okJson("{\"id\":70}").withStatus(201)));
            server.stubFor(post(urlPathMatching("/api/v4/projects/42/statuses/.*")).willReturn(okJson("{}").withStatus(201)));
            server.stubFor(get(urlPathEqualTo(mr)).willReturn(okJson("{\"iid\":3,\"sha\":\"" + headSha + "\",\"diff_refs\":"
                    + "{\"base_sha\":\"" + baseSha + "\",\"start_sha\":\"" + baseSha + "\",\"head_sha\":\"" + headSha + "\"}}")));
            var diffs = JSON.createArrayNode();
            diffs.addObject().put("old_path", "apps/web/deployment.yaml").put("new_path", "apps/web/deployment.yaml")
                    .put("diff", repo.patch(baseSha, headSha, "apps/web/deployment.yaml"));
            server.stubFor(get(urlPathEqualTo(mr + "/diffs")).willReturn(okJson(diffs.toString())));
            server.stubFor(get(urlPathEqualTo(mr + "/discussions")).willReturn(okJson("[]")));
            server.stubFor(post(urlPathEqualTo(mr + "/discussions")).willReturn(okJson("{\"id\":\"d1\"}").withStatus(201)));
            ReviewRequest request = new ReviewRequest(Forge.GITLAB, server.baseUrl() + "/api/v4", "group/gitops", "42", 3,
                    "main", null, repo.url(), headSha, repo.url(), null, "u-2");
            ReviewService service = ReviewFixtures.service(ReviewFixtures.gitlabClients(server.baseUrl() + "/api/v4", GL_TOKEN));

            service.review(request);

            List<JsonNode> posted = bodies(postRequestedFor(urlPathEqualTo(mr + "/discussions")));
            assertThat(posted).singleElement().satisfies(d -> {
                JsonNode pos = d.path("position");
                assertThat(pos.path("position_type").asText()).isEqualTo("text");
                assertThat(pos.path("base_sha").asText()).isEqualTo(baseSha);
                assertThat(pos.path("head_sha").asText()).isEqualTo(headSha);
                assertThat(pos.path("new_path").asText()).isEqualTo("apps/web/deployment.yaml");
                assertThat(pos.path("new_line").asInt()).isEqualTo(ReviewFixtures.lineOf(changed, "image: nginx:latest"));
                assertThat(d.path("body").asText()).startsWith("<!-- guardrails:finding:").contains("latest-tag");
            });
            String note = bodies(postRequestedFor(urlPathEqualTo(mr + "/notes"))).get(0).path("body").asText();
            assertThat(note).contains("/-/blob/" + headSha + "/apps/web/deployment.yaml#L");

            // Next push, same finding: the bot's discussion carries the marker, nothing is posted again.
            var existing = JSON.createArrayNode();
            var n = existing.addObject().put("id", "d1").putArray("notes").addObject();
            n.put("body", posted.get(0).path("body").asText()).putObject("author").put("id", 5);
            server.stubFor(get(urlPathEqualTo(mr + "/discussions")).willReturn(okJson(existing.toString())));
            service.review(request);
            server.verify(1, postRequestedFor(urlPathEqualTo(mr + "/discussions")));
        }
    }
}
