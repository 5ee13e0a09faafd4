package dev.guardrails.plugin.webhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flood of large unsigned (wrongly signed) bodies against the real server, in bounded loops:
 * every flood request is refused with 401, 429 or 503 (never a 5xx crash or a 2xx), /health keeps
 * answering all along, and a correctly signed delivery still gets through afterwards. Memory and
 * latency under the flood are measured by bench/webhook-flood, not here.
 */
class WebhookFloodTest {

    private static final int BODY = 1024 * 1024;
    private static final int SENDERS = 12;
    private static final int ROUNDS = 6;

    @TempDir
    Path stateDir;

    @Test
    void unsignedFloodIsRefusedCheaplyAndHealthKeepsAnswering() throws Exception {
        try (WebhookServer server = WebhookServer.start(stateDir, Map.of(
                "guardrails.webhook.max-body-bytes", 2 * BODY,
                "guardrails.webhook.max-unverified-requests", 3,
                "guardrails.webhook.max-unverified-bytes", 4 * BODY))) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            byte[] body = WebhookLimitsTest.pingOfSize(BODY);
            Set<Integer> floodStatuses = ConcurrentHashMap.newKeySet();
            List<Integer> healthStatuses = new ArrayList<>();
            AtomicBoolean flooding = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
            try {
                List<Future<?>> senders = new ArrayList<>();
                for (int t = 0; t < SENDERS; t++) {
                    senders.add(pool.submit(() -> {
                        for (int i = 0; i < ROUNDS; i++) {
                            HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + "/webhooks/github"))
                                    .timeout(Duration.ofSeconds(60))
                                    .header("Content-Type", "application/json")
                                    .header("X-GitHub-Event", "pull_request")
                                    .header("X-GitHub-Delivery", "flood")
                                    .header("X-Hub-Signature-256", "sha256=" + "a".repeat(64))
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                            try {
                                floodStatuses.add(client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
                            } catch (java.io.IOException e) {
                                // The server may close a connection whose body it refused to read: a cheap refusal too.
                                floodStatuses.add(-1);
                            }
                        }
                        return null;
                    }));
                }
                Future<?> health = Executors.newSingleThreadExecutor().submit(() -> {
                    while (flooding.get() || healthStatuses.size() < 3) {
                        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + "/health"))
                                .timeout(Duration.ofSeconds(20)).build();
                        healthStatuses.add(client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
                        Thread.sleep(20);
                    }
                    return null;
                });
                for (Future<?> f : senders) {
                    f.get();
                }
                flooding.set(false);
                health.get();
            } finally {
                pool.shutdownNow();
            }

            assertThat(floodStatuses).isSubsetOf(401, 429, 503, -1).contains(401);
            assertThat(healthStatuses).isNotEmpty().containsOnly(200);
            UnverifiedBodyBudget budget = server.context().getBean(UnverifiedBodyBudget.class);
            WebhookLimitsTest.awaitUntil(() -> budget.freeSlots() == 3 && budget.freeBytes() == 4L * BODY);
            assertThat(server.github("ping", "d-after-flood", body).statusCode()).isEqualTo(200);
            assertThat(server.reviewer().attempts()).isEmpty();
        }
    }
}
