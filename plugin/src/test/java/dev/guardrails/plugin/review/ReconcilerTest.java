package dev.guardrails.plugin.review;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.guardrails.plugin.config.GitHubSettings;
import dev.guardrails.plugin.config.GitLabSettings;
import dev.guardrails.plugin.forge.ForgeClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reconciler and the comment-command resolver against a stubbed GitHub API. */
class ReconcilerTest {

    private static final String SHA_DONE = "a".repeat(40);
    private static final String SHA_PENDING = "b".repeat(40);
    private static final String REPO = "/repos/acme/gitops";

    @TempDir
    Path tmp;

    private WireMockServer server;
    private ForgeClients clients;
    private final List<ReviewRequest> submitted = new ArrayList<>();
    private final ReviewQueue queue = r -> {
        submitted.add(r);
        return ReviewQueue.Submission.ACCEPTED;
    };

    @BeforeEach
    void setUp() throws Exception {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        Path key = Files.writeString(tmp.resolve("app.pem"), ReviewFixtures.pkcs8Pem(ReviewFixtures.rsa()));
        clients = new ForgeClients(new GitHubSettings(server.baseUrl(), null, null, "12345", key.toString(), false),
                new GitLabSettings(null, null, null), new ReviewSettings(List.of("acme/gitops"), null, null),
                ReviewFixtures.FAST, Clock.systemUTC());
        server.stubFor(get(urlPathEqualTo(REPO + "/installation")).withHeader("Authorization", matching("Bearer ey.*"))
                .willReturn(okJson("{\"id\":99}")));
        server.stubFor(post(urlPathEqualTo("/app/installations/99/access_tokens")).withHeader("Authorization", matching("Bearer ey.*"))
                .willReturn(okJson("{\"token\":\"ghs_X\",\"expires_at\":\"" + Instant.now().plusSeconds(3600) + "\"}")));
        server.stubFor(get(urlPathEqualTo(REPO + "/pulls")).willReturn(okJson("[{\"number\":1,\"head\":{\"sha\":\"" + SHA_DONE
                + "\"}},{\"number\":2,\"head\":{\"sha\":\"" + SHA_PENDING + "\"}}]")));
        server.stubFor(get(urlPathEqualTo(REPO + "/commits/" + SHA_DONE + "/check-runs"))
                .willReturn(okJson("{\"total_count\":1,\"check_runs\":[{\"name\":\"guardrails\"}]}")));
        server.stubFor(get(urlPathEqualTo(REPO + "/commits/" + SHA_PENDING + "/check-runs"))
                .willReturn(okJson("{\"total_count\":0,\"check_runs\":[]}")));
        server.stubFor(get(urlPathEqualTo(REPO + "/pulls/2")).willReturn(okJson("""
                {"number":2,"state":"open",
                 "base":{"ref":"main","sha":"%s","repo":{"clone_url":"https://github.example/acme/gitops.git"}},
                 "head":{"ref":"feature","sha":"%s","repo":{"clone_url":"https://github.example/someone/gitops.git"}}}
                """.formatted("c".repeat(40), SHA_PENDING))));
    }

    @AfterEach
    void tearDown() {
        server.stop();
    }

    @Test
    void submitsOnlyPullRequestsWithoutACheckRun() {
        Reconciler reconciler = new Reconciler(clients, queue, new ReviewSettings(List.of("acme/gitops"), null, null), null);

        assertThat(reconciler.reconcile()).isEqualTo(1);

        assertThat(submitted).hasSize(1);
        ReviewRequest r = submitted.get(0);
        assertThat(r.number()).isEqualTo(2);
        assertThat(r.headSha()).isEqualTo(SHA_PENDING);
        assertThat(r.trigger()).isEqualTo("reconcile");
        assertThat(r.fromFork()).isTrue();
        server.verify(0, getRequestedFor(urlPathEqualTo(REPO + "/pulls/1")));
        server.verify(1, getRequestedFor(urlPathEqualTo(REPO + "/installation")));
    }

    @Test
    void aCheckRunLeftInProgressIsNoResult() {
        // The server died mid-review and its journal was lost: the run is still in progress.
        server.stubFor(get(urlPathEqualTo(REPO + "/commits/" + SHA_PENDING + "/check-runs"))
                .willReturn(okJson("{\"total_count\":1,\"check_runs\":[{\"name\":\"guardrails\",\"status\":\"in_progress\"}]}")));
        server.stubFor(get(urlPathEqualTo(REPO + "/commits/" + SHA_DONE + "/check-runs"))
                .willReturn(okJson("{\"total_count\":2,\"check_runs\":[{\"name\":\"guardrails\",\"status\":\"in_progress\"},"
                        + "{\"name\":\"guardrails\",\"status\":\"completed\",\"conclusion\":\"success\"}]}")));
        Reconciler reconciler = new Reconciler(clients, queue, new ReviewSettings(List.of("acme/gitops"), null, null), null);

        assertThat(reconciler.reconcile()).isEqualTo(1);
        assertThat(submitted).singleElement().satisfies(r -> assertThat(r.headSha()).isEqualTo(SHA_PENDING));
    }

    @Test
    void resolverReturnsTheCurrentPullRequestAndEmptyWhenUnknown() {
        ApiPullRequestResolver resolver = new ApiPullRequestResolver(clients);

        Optional<ReviewRequest> r = resolver.resolve(Forge.GITHUB, server.baseUrl(), "acme/gitops", null, 2, 99L);

        assertThat(r).isPresent();
        assertThat(r.get().baseRef()).isEqualTo("main");
        assertThat(r.get().baseSha()).isEqualTo("c".repeat(40));
        assertThat(r.get().headCloneUrl()).isEqualTo("https://github.example/someone/gitops.git");
        assertThat(r.get().installationId()).isEqualTo(99L);
        assertThat(r.get().trigger()).isEqualTo("command");
        assertThat(resolver.resolve(Forge.GITHUB, server.baseUrl(), "acme/gitops", null, 404, 99L)).isEmpty();
        // Another API root than the configured one is refused: the token is never sent there.
        assertThat(resolver.resolve(Forge.GITHUB, "https://evil.example", "acme/gitops", null, 2, 99L)).isEmpty();
    }
}
