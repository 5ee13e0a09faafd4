package dev.guardrails.plugin.webhook;

import dev.guardrails.plugin.review.ReviewRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Intake and queue together: fast answers, back-pressure, restart recovery, configuration edge cases. */
class WebhookQueueTest {

    @TempDir
    Path stateDir;

    @Test
    void answersBeforeTheReviewFinishes() throws Exception {
        try (WebhookServer server = WebhookServer.start(stateDir, Map.of())) {
            RecordingReviewer reviewer = server.reviewer();
            reviewer.hold();

            HttpResponse<String> r = server.github("pull_request", "d-fast",
                    WebhookServer.payload("github/pull_request-opened.json"));

            // The reviewer is still held at its gate, so the answer cannot have waited for it.
            assertThat(r.statusCode()).isEqualTo(202);
            assertThat(reviewer.reviewed()).isEmpty();
            reviewer.release();
            server.awaitIdle();
            assertThat(reviewer.reviewed()).hasSize(1);
        }
    }

    @Test
    void fullQueueAnswers503WithRetryAfterAndTheDeliveryCanBeRetried() throws Exception {
        try (WebhookServer server = WebhookServer.start(stateDir,
                Map.of("guardrails.review.workers", 1, "guardrails.review.queue-capacity", 1))) {
            RecordingReviewer reviewer = server.reviewer();
            reviewer.hold();
            assertThat(server.github("pull_request", "d-1", pr(21)).statusCode()).isEqualTo(202);
            reviewer.awaitStarted(1);
            assertThat(server.github("pull_request", "d-2", pr(22)).statusCode()).isEqualTo(202);

            HttpResponse<String> full = server.github("pull_request", "d-3", pr(23));

            assertThat(full.statusCode()).isEqualTo(503);
            assertThat(full.headers().firstValue("Retry-After")).hasValue(WebhookController.RETRY_AFTER_SECONDS);
            assertThat(full.body()).isEqualTo("review queue is full, retry later");
            reviewer.release();
            server.awaitIdle();
            assertThat(server.github("pull_request", "d-3", pr(23)).statusCode()).isEqualTo(202);
            server.awaitIdle();
            assertThat(reviewer.reviewed()).extracting(ReviewRequest::number).containsExactly(21, 22, 23);
        }
    }

    @Test
    void journaledWorkIsReplayedByTheNextStart() throws Exception {
        List<String> keys;
        try (WebhookServer first = WebhookServer.start(stateDir,
                Map.of("guardrails.review.workers", 1, "guardrails.review.shutdown-grace", "50ms"))) {
            first.reviewer().hold();
            for (int n = 31; n <= 33; n++) {
                assertThat(first.github("pull_request", "d-" + n, pr(n)).statusCode()).isEqualTo(202);
            }
            first.reviewer().awaitStarted(1);
            keys = List.of(key(31), key(32), key(33));
        }
        Path journal = stateDir.resolve("pending-reviews.jsonl");
        assertThat(Files.readAllLines(journal)).hasSize(3);

        try (WebhookServer second = WebhookServer.start(stateDir, Map.of())) {
            // Nothing here asks for the queue: server start alone must have replayed the journal.
            second.reviewer().awaitStarted(3);
            second.awaitIdle();
            assertThat(second.reviewer().reviewed()).extracting(ReviewRequest::key).containsExactlyElementsOf(keys);
            assertThat(second.reviewer().reviewed()).allSatisfy(r -> assertThat(r.trigger()).startsWith("d-"));
        }
        assertThat(Files.readAllLines(journal)).isEmpty();
    }

    @Test
    void withoutASecretEveryGitHubDeliveryIsRefused() throws Exception {
        try (WebhookServer server = WebhookServer.start(stateDir, Map.of("guardrails.github.webhook-secret", ""))) {
            HttpResponse<String> r = server.github("pull_request", "d-nosecret",
                    WebhookServer.payload("github/pull_request-opened.json"));
            HttpResponse<String> unsigned = server.post("/webhooks/github",
                    WebhookServer.payload("github/ping.json"), "X-GitHub-Event", "ping", "X-GitHub-Delivery", "d-u");

            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(unsigned.statusCode()).isEqualTo(401);
            server.awaitIdle();
            assertThat(server.reviewer().attempts()).isEmpty();
        }
    }

    @Test
    void rescanCommandResolvesThePullRequestAndReviewsIt() throws Exception {
        try (WebhookServer server = WebhookServer.start(stateDir, Map.of("webhook-test.resolver", "true"))) {
            HttpResponse<String> r = server.github("issue_comment", "d-rescan",
                    WebhookServer.payload("github/issue_comment-rescan.json"));

            assertThat(r.statusCode()).isEqualTo(202);
            assertThat(r.body()).isEqualTo("rescan queued");
            server.reviewer().awaitStarted(1);
            server.awaitIdle();
            assertThat(server.context().getBean(RecordingResolver.class).calls()).containsExactly(new RescanTarget(
                    dev.guardrails.plugin.review.Forge.GITHUB, "https://ghe.example.com/api/v3",
                    "Codertocat/Hello-World", null, 2, 2311213L));
            assertThat(server.reviewer().reviewed()).singleElement().satisfies(req -> {
                assertThat(req.trigger()).isEqualTo("command");
                assertThat(req.headSha()).isEqualTo(RecordingResolver.HEAD);
            });
        }
    }

    @Test
    void bodiesBeyondTheServerLimitAreRefusedToo() {
        try (WebhookServer server = WebhookServer.start(stateDir, Map.of("micronaut.server.max-request-size", 65_536))) {
            byte[] body = ("{\"padding\": \"" + "x".repeat(100_000) + "\"}").getBytes();

            HttpResponse<String> r = server.github("pull_request", "d-huge", body);

            assertThat(r.statusCode()).isEqualTo(413);
        }
    }

    private static byte[] pr(int number) {
        return WebhookServer.pullRequest("github/pull_request-opened.json", number, sha(number));
    }

    private static String key(int number) {
        return "GITHUB:Codertocat/Hello-World#" + number + "@" + sha(number);
    }

    private static String sha(int number) {
        return String.format("%040x", number);
    }
}
