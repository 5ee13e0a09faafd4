package dev.guardrails.plugin.webhook;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one body limit (guardrails.webhook.max-body-bytes) at its edge, with and without a declared
 * length, and the unverified-body budget: slots and bytes held by senders that never finish.
 */
class WebhookLimitsTest {

    static final int LIMIT = 4096;

    @TempDir
    Path stateDir;

    private WebhookServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        server = WebhookServer.start(stateDir, Map.of(
                "guardrails.webhook.max-body-bytes", LIMIT,
                "guardrails.webhook.max-unverified-requests", 2,
                "guardrails.webhook.max-unverified-bytes", 2 * LIMIT,
                "guardrails.webhook.body-read-timeout", "3s"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A JSON ping payload of exactly {@code size} bytes. */
    static byte[] pingOfSize(int size) {
        String head = "{\"zen\":\"";
        String tail = "\"}";
        return (head + "x".repeat(size - head.length() - tail.length()) + tail).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void signedBodiesUpToTheLimitAreReadAndOneByteMoreIsRefusedInPlainText() {
        for (int size : new int[] {LIMIT - 1, LIMIT}) {
            byte[] body = pingOfSize(size);
            assertThat(body).hasSize(size);
            HttpResponse<String> r = server.github("ping", "d-edge-" + size, body);
            assertThat(r.statusCode()).as("size %d", size).isEqualTo(200);
            assertThat(r.body()).isEqualTo("pong");
        }
        HttpResponse<String> over = server.github("ping", "d-edge-over", pingOfSize(LIMIT + 1));
        assertThat(over.statusCode()).isEqualTo(413);
        assertThat(over.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(over.body()).isEqualTo("payload too large: limit is 4096 bytes (guardrails.webhook.max-body-bytes)");
    }

    @Test
    void aChunkedBodyWithoutLengthIsCutOffAtTheLimit() throws Exception {
        for (int size : new int[] {LIMIT, LIMIT + 1}) {
            byte[] body = pingOfSize(size);
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + "/webhooks/github"))
                    .header("Content-Type", "application/json")
                    .header("X-GitHub-Event", "ping").header("X-GitHub-Delivery", "d-chunked-" + size)
                    .header("X-Hub-Signature-256", WebhookServer.sign(WebhookServer.SECRET, body))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                    .build();
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (size == LIMIT) {
                assertThat(r.statusCode()).isEqualTo(200);
            } else {
                assertThat(r.statusCode()).isEqualTo(413);
                assertThat(r.body()).startsWith("payload too large: limit is 4096 bytes");
            }
        }
    }

    @Test
    void gitLabBodiesHaveTheSameLimit() {
        byte[] body = ("{\"object_kind\":\"merge_request\",\"pad\":\"" + "y".repeat(LIMIT) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = server.gitlab("Merge Request Hook", "u-big", body);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).startsWith("payload too large");
    }

    @Test
    void unsignedDeliveriesAreRefusedBeforeTheirBodyIsRead() throws Exception {
        // A declared length far over anything the server would read, and no signature: refused at once.
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /webhooks/github HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "X-GitHub-Event: ping\r\nContent-Length: 4000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // The answer comes without the body being sent, and the server closes the connection
            // rather than wait for (or hold) the rest: reading reaches the end of the stream.
            s.setSoTimeout(20_000);
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 401").containsIgnoringCase("connection: close")
                    .endsWith("invalid signature");
        }
    }

    @Test
    void sendersThatHoldUnverifiedBodiesGetTooManyRequestsThenServiceUnavailable() throws Exception {
        UnverifiedBodyBudget budget = server.context().getBean(UnverifiedBodyBudget.class);
        String wrongSignature = "sha256=" + "0".repeat(64);
        // Two slow senders declare the limit and stop after one byte: both slots taken, all bytes reserved.
        try (Socket a = slowSender(LIMIT, wrongSignature); Socket b = slowSender(LIMIT, wrongSignature)) {
            awaitUntil(() -> budget.freeSlots() == 0 && budget.freeBytes() == 0);

            HttpResponse<String> third = server.post("/webhooks/github", pingOfSize(100), "X-GitHub-Event", "ping",
                    "X-GitHub-Delivery", "d-third", "X-Hub-Signature-256", wrongSignature);
            assertThat(third.statusCode()).isEqualTo(429);
            assertThat(third.headers().firstValue("Retry-After")).hasValue(WebhookController.RETRY_AFTER_SECONDS);
            assertThat(third.body()).isEqualTo("too many unverified deliveries in progress, retry later");
            // Health is not affected.
            assertThat(client.send(HttpRequest.newBuilder(URI.create(server.url() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
        awaitUntil(() -> budget.freeSlots() == 2 && budget.freeBytes() == 2L * LIMIT);

        // One sender holds the limit's worth of bytes; the byte budget covers only one more such body.
        UnverifiedBodyBudget.Lease held = budget.tryEnter();
        assertThat(held.ensure(LIMIT + 1)).isTrue();
        try {
            HttpResponse<String> r = server.post("/webhooks/github", pingOfSize(LIMIT), "X-GitHub-Event", "ping",
                    "X-GitHub-Delivery", "d-bytes", "X-Hub-Signature-256", wrongSignature);
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).hasValue(WebhookController.RETRY_AFTER_SECONDS);
            assertThat(r.body()).isEqualTo("too many unverified delivery bytes in progress, retry later");
        } finally {
            held.close();
        }
        // Budget back: a signed delivery of the full size goes through.
        assertThat(server.github("ping", "d-after", pingOfSize(LIMIT)).statusCode()).isEqualTo(200);
    }

    @Test
    void aSenderThatTricklesItsBodyIsCutOffAndItsSlotFreed() throws Exception {
        UnverifiedBodyBudget budget = server.context().getBean(UnverifiedBodyBudget.class);
        try (Socket slow = slowSender(LIMIT, "sha256=" + "0".repeat(64))) {
            slow.setSoTimeout(60_000);
            String answer = new String(slow.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 408")
                    .endsWith("body not received within 3 s (guardrails.webhook.body-read-timeout)");
        }
        awaitUntil(() -> budget.freeSlots() == 2 && budget.freeBytes() == 2L * LIMIT);
    }

    private Socket slowSender(int declared, String signature) throws IOException {
        Socket s = new Socket("127.0.0.1", server.port());
        OutputStream out = s.getOutputStream();
        out.write(("POST /webhooks/github HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "X-GitHub-Event: ping\r\nX-GitHub-Delivery: slow\r\nX-Hub-Signature-256: " + signature
                + "\r\nContent-Length: " + declared + "\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return s;
    }

    static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 3000 && !condition.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("condition reached within 30 s").isTrue();
    }
}
