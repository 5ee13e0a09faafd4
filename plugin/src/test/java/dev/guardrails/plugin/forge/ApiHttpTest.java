package dev.guardrails.plugin.forge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiHttpTest {

    private static final String SECRET = "ghp_NEVERINMESSAGES";

    private WireMockServer server;
    private final List<Duration> sleeps = new ArrayList<>();
    private final Instant now = Instant.parse("2030-01-01T00:00:00Z");
    private ApiHttp http;

    @BeforeEach
    void setUp() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        http = new ApiHttp(HttpClient.newHttpClient(), new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(2),
                Duration.ofSeconds(30), Duration.ofSeconds(5)), Clock.fixed(now, ZoneOffset.UTC), sleeps::add);
    }

    @AfterEach
    void tearDown() {
        server.stop();
    }

    private ApiHttp.Response call() throws ForgeApiException {
        return http.send("GET", server.baseUrl() + "/repos/a/b/pulls?state=open", Map.of("Authorization", "Bearer " + SECRET), null);
    }

    @Test
    void serverErrorIsRetriedWithBackoff() throws Exception {
        server.stubFor(get(urlPathEqualTo("/repos/a/b/pulls")).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("ok"));
        server.stubFor(get(urlPathEqualTo("/repos/a/b/pulls")).inScenario("flaky").whenScenarioStateIs("ok")
                .willReturn(okJson("[1]")));

        assertThat(call().json().get(0).asInt()).isEqualTo(1);
        server.verify(2, getRequestedFor(urlPathEqualTo("/repos/a/b/pulls")));
        assertThat(sleeps).hasSize(1);
        assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
    }

    @Test
    void persistentServerErrorGivesUpAfterMaxAttempts() {
        server.stubFor(get(urlPathEqualTo("/repos/a/b/pulls")).willReturn(aResponse().withStatus(502)));

        assertThatThrownBy(this::call).isInstanceOf(ForgeApiException.class)
                .hasMessage("GET /repos/a/b/pulls failed: HTTP 502");
        server.verify(4, getRequestedFor(urlPathEqualTo("/repos/a/b/pulls")));
        // Exponential: the third backoff is drawn from [200, 400] ms.
        assertThat(sleeps).hasSize(3);
        assertThat(sleeps.get(2)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void primaryRateLimitWaitsUntilTheReset() throws Exception {
        server.stubFor(get(urlPathEqualTo("/repos/a/b/pulls")).inScenario("limit").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(403).withHeader("x-ratelimit-remaining", "0")
                        .withHeader("x-ratelimit-reset", String.valueOf(now.getEpochSecond() + 2))
                        .withBody("{\"message\":\"API rate limit exceeded\"}"))
                .willSetStateTo("ok"));
        server.stubFor(get(urlPathEqualTo("/repos/a/b/pulls")).inScenario("limit").whenScenarioStateIs("ok")
                .willReturn(okJson("[]")));

        call();

        assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
        server.verify(2, getRequestedFor(urlPathEqualTo("/repos/a/b/pulls")));
    }

    @Test
    void primaryRateLimitWithTinyResetReallyWaitsAndSucceeds() throws Exception {
        ApiHttp real = new ApiHttp(ReviewRetry.FAST_WITH_REAL_SLEEP);
        server.stubFor(get(urlPathEqualTo("/x")).inScenario("limit").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("x-ratelimit-remaining", "0")
                        .withHeader("x-ratelimit-reset", String.valueOf(Instant.now().getEpochSecond())))
                .willSetStateTo("ok"));
        server.stubFor(get(urlPathEqualTo("/x")).inScenario("limit").whenScenarioStateIs("ok").willReturn(okJson("{\"ok\":true}")));

        assertThat(real.send("GET", server.baseUrl() + "/x", Map.of(), null).json().path("ok").asBoolean()).isTrue();
        server.verify(2, getRequestedFor(urlPathEqualTo("/x")));
    }

    @Test
    void secondaryRateLimitHonoursRetryAfter() throws Exception {
        server.stubFor(get(urlPathEqualTo("/repos/a/b/pulls")).inScenario("limit").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(403).withHeader("retry-after", "7")
                        .withBody("{\"message\":\"You have exceeded a secondary rate limit\"}"))
                .willSetStateTo("ok"));
        server.stubFor(get(urlPathEqualTo("/repos/a/b/pulls")).inScenario("limit").whenScenarioStateIs("ok")
                .willReturn(okJson("[]")));

        call();

        assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void rateLimitLongerThanTheCapFailsInsteadOfHanging() {
        server.stubFor(get(urlPathEqualTo("/repos/a/b/pulls")).willReturn(aResponse().withStatus(403)
                .withHeader("x-ratelimit-remaining", "0")
                .withHeader("x-ratelimit-reset", String.valueOf(now.getEpochSecond() + 3600))));

        assertThatThrownBy(this::call).isInstanceOf(ForgeApiException.class).hasMessageContaining("403")
                .hasMessageContaining("rate limited");
        assertThat(sleeps).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 422})
    void otherClientErrorsAreNotRetried(int status) {
        server.stubFor(get(urlPathEqualTo("/repos/a/b/pulls")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Nope\"}")));

        assertThatThrownBy(this::call).isInstanceOfSatisfying(ForgeApiException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.getMessage()).isEqualTo("GET /repos/a/b/pulls failed: HTTP " + status + " (Nope)");
            assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain("state=open");
        });
        server.verify(1, getRequestedFor(urlPathEqualTo("/repos/a/b/pulls")));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void connectionErrorsAreRetriedThenReportedWithoutTheUrl() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/repos/a/b";
        assertThatThrownBy(() -> http.send("GET", url, Map.of("Authorization", "Bearer " + SECRET), null))
                .isInstanceOfSatisfying(ForgeApiException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.transientFailure()).isTrue();
                    assertThat(e.getMessage()).startsWith("GET /repos/a/b failed: no response").doesNotContain(SECRET);
                });
        assertThat(sleeps).hasSize(3);
    }
}
