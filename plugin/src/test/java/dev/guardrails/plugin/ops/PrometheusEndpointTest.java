package dev.guardrails.plugin.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guardrails.plugin.server.CmpServer;
import dev.guardrails.scanner.model.AppReport;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.Severity;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The management wiring of application.yml: Prometheus on, everything else (health included) off. */
class PrometheusEndpointTest {

    private static EmbeddedServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() {
        server = ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1));
        client = HttpClient.create(server.getURL());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void scrapeShowsGuardrailsMetricsWithHistogramBuckets() {
        GuardrailsMetrics metrics = server.getApplicationContext().getBean(GuardrailsMetrics.class);
        metrics.record(GuardrailsMetricsTest.report(List.of(new AppReport("payments", "apps/payments", "helm", 4, 250, null)),
                List.of(GuardrailsMetricsTest.finding("latest-tag", Severity.MEDIUM, "payments", Mode.ENFORCE, null))));

        String body = client.toBlocking().retrieve(HttpRequest.GET("/prometheus"), String.class);

        assertThat(body).containsPattern(
                "guardrails_findings_total\\{[^}]*app=\"payments\"[^}]*rule=\"latest-tag\"[^}]*severity=\"medium\"[^}]*} 1\\.0");
        assertThat(body).containsPattern("guardrails_render_seconds_bucket\\{[^}]*type=\"helm\"");
        assertThat(body).containsPattern("guardrails_check_seconds_bucket\\{[^}]*type=\"helm\"");
        assertThat(body).contains("guardrails_scans_total{result=\"blocked\"}");
        assertThat(body).contains("jvm_memory_used_bytes");
    }

    @Test
    void aCmpGenerateThroughTheServerIsCounted(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        // The server's own engine reports each app it checks: no call site has to remember to.
        try (CmpServer cmp = CmpServer.start(tmp, Map.of())) {
            java.nio.file.Path app = tmp.resolve("_cmp_server/0d2e/apps/web");
            java.nio.file.Files.createDirectories(app);
            java.nio.file.Files.writeString(app.resolve("pod.yaml"), """
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: metered, namespace: team}
                    spec:
                      containers:
                        - {name: c, image: "nginx:latest"}
                    """);
            String request = "{\"dir\":\"" + app + "\",\"env\":{\"ARGOCD_APP_NAME\":\"metered-app\","
                    + "\"ARGOCD_APP_NAMESPACE\":\"team\",\"ARGOCD_APP_SOURCE_PATH\":\"apps/web\","
                    + "\"ARGOCD_ENV_GUARDRAILS_MODE\":\"warn\"}}";
            try (HttpClient cmpClient = HttpClient.create(new java.net.URL(cmp.cmpUrl()));
                 HttpClient mainClient = HttpClient.create(new java.net.URL(cmp.mainUrl()))) {
                String manifests = cmpClient.toBlocking().retrieve(HttpRequest.POST("/api/v1/cmp/generate", request)
                        .contentType("application/json").header("X-Guardrails-Cmp-Token", cmp.token()), String.class);
                assertThat(manifests).contains("name: \"metered\"");

                String body = mainClient.toBlocking().retrieve(HttpRequest.GET("/prometheus"), String.class);
                assertThat(body).containsPattern(
                        "guardrails_findings_total\\{[^}]*app=\"metered-app\"[^}]*rule=\"latest-tag\"[^}]*} 1\\.0");
                assertThat(body).containsPattern("guardrails_render_seconds_count\\{[^}]*outcome=\"ok\"[^}]*type=\"directory\"");
                assertThat(body).containsPattern("guardrails_check_seconds_count\\{[^}]*type=\"directory\"");
            }
        }
    }

    @Test
    void onlyThePrometheusEndpointIsExposed() {
        assertThat(server.getApplicationContext().containsBean(HealthEndpoint.class)).isFalse();
        for (String path : List.of("/beans", "/env", "/loggers", "/routes", "/info")) {
            assertThatThrownBy(() -> client.toBlocking().exchange(HttpRequest.GET(path), String.class))
                    .as(path)
                    .isInstanceOfSatisfying(HttpClientResponseException.class,
                            e -> assertThat((Object) e.getStatus()).isEqualTo(HttpStatus.NOT_FOUND));
        }
    }
}
