package dev.guardrails.plugin.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guardrails.plugin.review.ReviewRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Webhook intake load test (not a unit test; run by {@code bench/webhook/run.sh}). Starts the server on
 * loopback with a reviewer that takes ~20 ms, sends signed deliveries (GitHub opened / synchronize /
 * fork, GitLab merge requests, and replays of some of them) from concurrent clients, reports response
 * latency percentiles and checks that every unique delivery was reviewed exactly once.
 *
 * <p>Arguments: [deliveries=200] [replays=20] [clients=8] [reviewMillis=20]. Exit code 1 when a
 * delivery was lost or reviewed twice, or a request failed.
 */
public final class WebhookLoadBench {

    private record Delivery(String id, boolean gitlab, String event, byte[] body) {
    }

    private record Result(Delivery delivery, int status, long nanos) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int replays = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int reviewMillis = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int unique = total - replays;

        List<Delivery> originals = new ArrayList<>();
        for (int i = 0; i < unique; i++) {
            originals.add(delivery(i));
        }
        Random random = new Random(42);
        List<Delivery> all = new ArrayList<>(originals);
        for (int i = 0; i < replays; i++) {
            all.add(originals.get(random.nextInt(unique)));
        }
        Collections.shuffle(all, random);

        Path stateDir = Files.createTempDirectory("guardrails-webhook-bench");
        Map<String, Object> props = Map.of(
                "webhook-test.review-delay", reviewMillis + "ms",
                "guardrails.review.workers", 2,
                "guardrails.review.queue-capacity", total);
        try (WebhookServer server = WebhookServer.start(stateDir, props)) {
            // Warm-up outside the measurement: one ping through the whole stack.
            server.github("ping", "warm-up", WebhookServer.payload("github/ping.json"));
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long start = System.nanoTime();
            List<Future<Result>> futures = new ArrayList<>();
            for (Delivery d : all) {
                futures.add(pool.submit(() -> send(server, d)));
            }
            List<Result> results = new ArrayList<>();
            for (Future<Result> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            long sendNanos = System.nanoTime() - start;
            pool.shutdown();
            boolean drained = server.queue().awaitIdle(Duration.ofSeconds(120));
            long drainNanos = System.nanoTime() - start;

            boolean ok = report(results, originals, server.reviewer().reviewed(), sendNanos, drainNanos, drained,
                    clients, reviewMillis);
            System.exit(ok ? 0 : 1);
        }
    }

    private static Result send(WebhookServer server, Delivery d) {
        long t0 = System.nanoTime();
        int status = d.gitlab()
                ? server.gitlab(d.event(), d.id(), d.body()).statusCode()
                : server.github(d.event(), d.id(), d.body()).statusCode();
        return new Result(d, status, System.nanoTime() - t0);
    }

    /** Every fourth delivery is a GitLab merge request; the rest cycle through GitHub shapes. Each is its own PR. */
    private static Delivery delivery(int i) throws Exception {
        int number = 1000 + i;
        String sha = String.format("%040x", 0xbe000000L + i);
        if (i % 4 == 3) {
            ObjectNode root = (ObjectNode) JSON.readTree(WebhookServer.payload("gitlab/merge_request-open.json"));
            ObjectNode attrs = (ObjectNode) root.get("object_attributes");
            attrs.put("iid", number);
            ((ObjectNode) attrs.get("last_commit")).put("id", sha);
            return new Delivery("gl-" + i, true, "Merge Request Hook", JSON.writeValueAsBytes(root));
        }
        String shape = switch (i % 4) {
            case 0 -> "github/pull_request-opened.json";
            case 1 -> "github/pull_request-synchronize.json";
            default -> "github/pull_request-opened-fork.json";
        };
        return new Delivery("gh-" + i, false, "pull_request", WebhookServer.pullRequest(shape, number, sha));
    }

    private static boolean report(List<Result> results, List<Delivery> originals, List<ReviewRequest> reviewed,
                                  long sendNanos, long drainNanos, boolean drained, int clients, int reviewMillis) {
        long[] millis = results.stream().mapToLong(Result::nanos).sorted().toArray();
        Map<Integer, Long> byStatus = results.stream()
                .collect(Collectors.groupingBy(Result::status, TreeMap::new, Collectors.counting()));
        Map<String, Long> reviewsPerTrigger = reviewed.stream()
                .collect(Collectors.groupingBy(ReviewRequest::trigger, Collectors.counting()));
        Map<String, Delivery> unique = new HashMap<>();
        originals.forEach(d -> unique.put(d.id(), d));
        long lost = unique.keySet().stream().filter(id -> !reviewsPerTrigger.containsKey(id)).count();
        long duplicated = reviewsPerTrigger.values().stream().filter(n -> n > 1).count();
        long unexpected = reviewsPerTrigger.keySet().stream().filter(id -> !unique.containsKey(id)).count();
        long failedRequests = results.stream().filter(r -> r.status() != 202 && r.status() != 200).count();

        System.out.printf("deliveries sent: %d (%d unique, %d replays) from %d clients; reviewer %d ms, 2 workers%n",
                results.size(), unique.size(), results.size() - unique.size(), clients, reviewMillis);
        System.out.printf("responses by status: %s%n", byStatus);
        System.out.printf("response latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f%n",
                pct(millis, 50), pct(millis, 90), pct(millis, 99), millis[millis.length - 1] / 1e6);
        System.out.printf("all answered in %d ms; all reviewed in %d ms (drained: %s)%n",
                sendNanos / 1_000_000, drainNanos / 1_000_000, drained);
        System.out.printf("reviews: %d; unique deliveries lost: %d; reviewed twice: %d; unexpected: %d; failed requests: %d%n",
                reviewed.size(), lost, duplicated, unexpected, failedRequests);
        boolean ok = drained && lost == 0 && duplicated == 0 && unexpected == 0 && failedRequests == 0
                && reviewed.size() == unique.size();
        System.out.println(ok ? "OK: every unique delivery was reviewed exactly once"
                : "FAILED: deliveries lost, duplicated or refused");
        return ok;
    }

    private static double pct(long[] sortedNanos, int p) {
        int index = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, index)] / 1e6;
    }

    private WebhookLoadBench() {
    }
}
