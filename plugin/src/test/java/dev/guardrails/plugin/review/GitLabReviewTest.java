package dev.guardrails.plugin.review;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.guardrails.plugin.review.ReviewFixtures.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.guardrails.plugin.forge.GitHubClient;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end on GitLab: one note edited in place and a commit status on the head. */
class GitLabReviewTest {

    private static final String TOKEN = "glpat-SEEDEDTOKEN";
    private static final String NOTES = "/api/v4/projects/42/merge_requests/3/notes";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private WireMockServer server;
    private GitRepo repo;
    private ReviewRequest request;
    private String headSha;

    @BeforeEach
    void setUp() throws Exception {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        repo = GitRepo.init(tmp.resolve("repo"));
        ReviewFixtures.baseLayout(repo);
        repo.commit("initial");
        repo.checkout("feature", true);
        repo.write("apps/web/deployment.yaml", deployment("web", "nginx:latest"));
        headSha = repo.commit("latest");
        repo.checkout("main", false);
        // GitLab webhooks give the target branch; the base SHA is resolved from it.
        request = new ReviewRequest(Forge.GITLAB, server.baseUrl() + "/api/v4", "group/gitops", "42", 3, "main", null,
                repo.url(), headSha, repo.url(), null, "test");
        server.stubFor(get(urlPathEqualTo("/api/v4/user")).withHeader("PRIVATE-TOKEN", equalTo(TOKEN))
                .willReturn(okJson("{\"id\":5,\"username\":\"guardrails-bot\"}")));
        server.stubFor(put(urlPathMatching(NOTES + "/\\d+")).withHeader("PRIVATE-TOKEN", equalTo(TOKEN)).willReturn(okJson("{}")));
        server.stubFor(post(urlPathEqualTo(NOTES)).withHeader("PRIVATE-TOKEN", equalTo(TOKEN))
                .willReturn(okJson("{\"id\":77}").withStatus(201)));
        server.stubFor(post(urlPathEqualTo("/api/v4/projects/42/statuses/" + headSha))
                .withHeader("PRIVATE-TOKEN", equalTo(TOKEN)).willReturn(okJson("{}").withStatus(201)));
    }

    @AfterEach
    void tearDown() {
        repo.close();
        server.stop();
    }

    private List<JsonNode> bodies(com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pattern) throws Exception {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (LoggedRequest r : server.findAll(pattern)) {
            out.add(JSON.readTree(r.getBodyAsString()));
        }
        return out;
    }

    @Test
    void existingNoteIsEditedInPlaceAndCommitStatusFails() throws Exception {
        server.stubFor(get(urlPathEqualTo(NOTES)).withHeader("PRIVATE-TOKEN", equalTo(TOKEN)).willReturn(okJson(
                "[{\"id\":30,\"system\":true,\"body\":\"added 1 commit\"},"
                        + "{\"id\":31,\"system\":false,\"author\":{\"id\":5},\"body\":\"" + GitHubClient.MARKER + " old\"}]")));

        ReviewFixtures.service(ReviewFixtures.gitlabClients(server.baseUrl() + "/api/v4", TOKEN)).review(request);

        server.verify(0, postRequestedFor(urlPathEqualTo(NOTES)));
        List<JsonNode> edits = bodies(putRequestedFor(urlPathEqualTo(NOTES + "/31")));
        assertThat(edits).hasSize(1);
        assertThat(edits.get(0).path("body").asText()).startsWith(GitHubClient.MARKER).contains("1 new blocking")
                .contains("apps/web/deployment.yaml");
        List<JsonNode> statuses = bodies(postRequestedFor(urlPathEqualTo("/api/v4/projects/42/statuses/" + headSha)));
        assertThat(statuses).hasSize(2);
        JsonNode status = statuses.stream().filter(s -> !"running".equals(s.path("state").asText())).findFirst().orElseThrow();
        assertThat(statuses).anySatisfy(s -> assertThat(s.path("state").asText()).isEqualTo("running"));
        assertThat(status.path("state").asText()).isEqualTo("failed");
        assertThat(status.path("name").asText()).isEqualTo("guardrails");
        assertThat(status.has("target_url")).isFalse();
    }

    @Test
    void firstRunCreatesTheNote() throws Exception {
        server.stubFor(get(urlPathEqualTo(NOTES)).withHeader("PRIVATE-TOKEN", equalTo(TOKEN)).willReturn(okJson("[]")));

        ReviewFixtures.service(ReviewFixtures.gitlabClients(server.baseUrl() + "/api/v4", TOKEN)).review(request);

        List<JsonNode> created = bodies(postRequestedFor(urlPathEqualTo(NOTES)));
        assertThat(created).hasSize(1);
        assertThat(created.get(0).path("body").asText()).startsWith(GitHubClient.MARKER).contains("`latest-tag`");
        for (LoggedRequest r : server.findAll(postRequestedFor(urlPathMatching(".*")))) {
            assertThat(r.getBodyAsString()).doesNotContain(TOKEN);
        }
    }
}
