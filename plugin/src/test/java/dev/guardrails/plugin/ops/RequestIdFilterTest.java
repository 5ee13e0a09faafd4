package dev.guardrails.plugin.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class RequestIdFilterTest {

    private static EmbeddedServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() {
        server = ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1, "spec.name", "ops"));
        client = HttpClient.create(server.getURL());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void theCallersIdIsUsedInTheMdcAndEchoed() {
        HttpResponse<String> response = client.toBlocking().exchange(
                HttpRequest.GET("/ops-test/mdc").header(RequestIdFilter.HEADER, "abc-123"), String.class);
        assertThat(response.body()).isEqualTo("abc-123");
        assertThat(response.header(RequestIdFilter.HEADER)).isEqualTo("abc-123");
    }

    @Test
    void aNewIdIsMadeWhenNoneOrAnUnsafeOneIsGiven() {
        HttpResponse<String> plain = client.toBlocking().exchange(HttpRequest.GET("/ops-test/mdc"), String.class);
        String id = plain.header(RequestIdFilter.HEADER);
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(plain.body()).isEqualTo(id);

        HttpResponse<String> hostile = client.toBlocking().exchange(HttpRequest.GET("/ops-test/mdc")
                .header(RequestIdFilter.HEADER, "x\" forged=\"1 " + "a".repeat(200)), String.class);
        assertThat(UUID.fromString(hostile.header(RequestIdFilter.HEADER))).isNotNull();
        assertThat(hostile.body()).isEqualTo(hostile.header(RequestIdFilter.HEADER));
    }

    @Test
    void everyRequestGetsItsOwnIdAndTheMdcDoesNotLeak() {
        String first = client.toBlocking().exchange(HttpRequest.GET("/ops-test/mdc"), String.class)
                .header(RequestIdFilter.HEADER);
        String second = client.toBlocking().exchange(HttpRequest.GET("/ops-test/mdc"), String.class)
                .header(RequestIdFilter.HEADER);
        assertThat(first).isNotEqualTo(second);
        assertThat(MDC.get(JsonLayout.REQUEST_ID)).isNull();
    }
}
