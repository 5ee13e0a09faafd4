package dev.guardrails.plugin.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The flood client of bench/webhook-flood (not a test): against a running server, measures
 * {@code /health} latency while idle, then floods {@code /webhooks/github} with large unsigned
 * (wrongly signed) bodies from many parallel senders in bounded rounds while {@code /health} is
 * polled, and prints status counts and latency percentiles as {@code key=value} lines.
 *
 * <p>Usage: {@code WebhookFloodBench URL SENDERS ROUNDS BODY_MIB}
 */
public final class WebhookFloodBench {

    private WebhookFloodBench() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int senders = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        int bodyBytes = Integer.parseInt(args[3]) * 1024 * 1024;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();

        // Its own client, as a kubelet probe would be: the flood's client does not slow the probe down.
        HttpClient probe = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<Long> idle = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            idle.add(health(probe, url));
            Thread.sleep(25);
        }

        byte[] body = WebhookLimitsTest.pingOfSize(bodyBytes);
        Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<Long> flood = Collections.synchronizedList(new ArrayList<>());
        List<Long> refusal = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(senders + 1);
        Future<?> poller = pool.submit(() -> {
            while (running.get()) {
                flood.add(health(probe, url));
                Thread.sleep(25);
            }
            return null;
        });
        long t0 = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            futures.add(pool.submit(() -> {
                for (int r = 0; r < rounds; r++) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/webhooks/github"))
                            .timeout(Duration.ofSeconds(120))
                            .header("Content-Type", "application/json")
                            .header("X-GitHub-Event", "pull_request").header("X-GitHub-Delivery", "flood")
                            .header("X-Hub-Signature-256", "sha256=" + "b".repeat(64))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                    long start = System.nanoTime();
                    String key;
                    try {
                        key = String.valueOf(client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
                    } catch (java.io.IOException e) {
                        key = "closed";
                    }
                    refusal.add((System.nanoTime() - start) / 1_000_000);
                    statuses.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        long wallMs = (System.nanoTime() - t0) / 1_000_000;
        running.set(false);
        poller.get();
        pool.shutdownNow();

        System.out.println("flood_requests=" + (long) senders * rounds);
        System.out.println("flood_body_mib=" + bodyBytes / (1024 * 1024));
        System.out.println("flood_wall_ms=" + wallMs);
        System.out.println("flood_statuses=" + new TreeMap<>(statuses));
        System.out.println("flood_answer_ms_p50=" + pct(refusal, 50) + " p99=" + pct(refusal, 99));
        System.out.println("health_idle_ms_p50=" + pct(idle, 50) + " p99=" + pct(idle, 99) + " max=" + pct(idle, 100));
        System.out.println("health_flood_ms_p50=" + pct(flood, 50) + " p99=" + pct(flood, 99) + " max=" + pct(flood, 100)
                + " samples=" + flood.size() + " failed=" + flood.stream().filter(v -> v < 0).count());
    }

    /** Milliseconds for one /health, or -1 when it failed or timed out. */
    private static long health(HttpClient client, String url) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url + "/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? (System.nanoTime() - start) / 1_000_000 : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    private static long pct(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
