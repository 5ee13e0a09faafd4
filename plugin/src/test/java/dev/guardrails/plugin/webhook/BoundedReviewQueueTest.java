package dev.guardrails.plugin.webhook;

import dev.guardrails.plugin.review.BoundedReviewQueue;
import dev.guardrails.plugin.review.Forge;
import dev.guardrails.plugin.review.ReviewQueue.Submission;
import dev.guardrails.plugin.review.ReviewQueueSettings;
import dev.guardrails.plugin.review.ReviewRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue on its own, without a server. */
class BoundedReviewQueueTest {

    @TempDir
    Path stateDir;

    private final RecordingReviewer reviewer = new RecordingReviewer(Duration.ZERO);

    @Test
    void sameHeadQueuedOrRunningIsADuplicate() throws Exception {
        try (BoundedReviewQueue queue = queue(1, 10, Duration.ofSeconds(30))) {
            reviewer.hold();
            assertThat(queue.submit(request(1, "a"))).isEqualTo(Submission.ACCEPTED);
            reviewer.awaitStarted(1);
            assertThat(queue.submit(request(1, "a"))).isEqualTo(Submission.DUPLICATE);
            assertThat(queue.submit(request(2, "a"))).isEqualTo(Submission.ACCEPTED);
            assertThat(queue.submit(request(2, "a"))).isEqualTo(Submission.DUPLICATE);
            reviewer.release();
            assertThat(queue.awaitIdle(Duration.ofSeconds(30))).isTrue();
            assertThat(reviewer.reviewed()).hasSize(2);
        }
    }

    @Test
    void newerHeadSupersedesAQueuedOlderOne() throws Exception {
        try (BoundedReviewQueue queue = queue(1, 10, Duration.ofSeconds(30))) {
            reviewer.hold();
            queue.submit(request(1, "a"));
            reviewer.awaitStarted(1);
            queue.submit(request(2, "a"));
            queue.submit(request(3, "a"));

            assertThat(queue.submit(request(2, "b"))).isEqualTo(Submission.ACCEPTED);
            assertThat(queue.pending()).isEqualTo(3);
            reviewer.release();
            assertThat(queue.awaitIdle(Duration.ofSeconds(30))).isTrue();
            // In place: PR 2 keeps its turn before PR 3, at its new head.
            assertThat(reviewer.reviewed()).extracting(ReviewRequest::key)
                    .containsExactly(request(1, "a").key(), request(2, "b").key(), request(3, "a").key());
        }
    }

    @Test
    void failuresAreRetriedThenSucceed() throws Exception {
        try (BoundedReviewQueue queue = queue(1, 10, Duration.ofSeconds(30))) {
            reviewer.failNext(2);
            queue.submit(request(1, "a"));
            assertThat(queue.awaitIdle(Duration.ofSeconds(30))).isTrue();
            assertThat(reviewer.attempts()).hasSize(3);
            assertThat(reviewer.reviewed()).hasSize(1);
            assertThat(Files.readAllLines(stateDir.resolve("pending-reviews.jsonl"))).isEmpty();
        }
    }

    @Test
    void afterThreeRetriesTheReviewIsDropped() throws Exception {
        try (BoundedReviewQueue queue = queue(1, 10, Duration.ofSeconds(30))) {
            reviewer.failNext(100);
            queue.submit(request(1, "a"));
            assertThat(queue.awaitIdle(Duration.ofSeconds(30))).isTrue();
            assertThat(reviewer.attempts()).hasSize(4);
            assertThat(reviewer.reviewed()).isEmpty();
            assertThat(Files.readAllLines(stateDir.resolve("pending-reviews.jsonl"))).isEmpty();
        }
    }

    @Test
    void shutdownLetsRunningReviewsFinishAndKeepsQueuedOnesJournaled() throws Exception {
        BoundedReviewQueue queue = queue(1, 10, Duration.ofSeconds(60));
        reviewer.hold();
        queue.submit(request(1, "a"));
        reviewer.awaitStarted(1);
        queue.submit(request(2, "a"));

        CompletableFuture<Void> closing = CompletableFuture.runAsync(queue::close);
        while (queue.accepting()) {
            Thread.onSpinWait();
        }
        assertThat(queue.submit(request(3, "a"))).isEqualTo(Submission.FULL);
        reviewer.release();
        closing.get();

        assertThat(reviewer.reviewed()).extracting(ReviewRequest::number).containsExactly(1);
        assertThat(Files.readAllLines(stateDir.resolve("pending-reviews.jsonl")))
                .singleElement().asString().contains("\"number\":2");
    }

    @Test
    void failureMessagesAreScrubbedOfCredentials() {
        String described = BoundedReviewQueue.describe(new java.io.IOException(
                "clone of https://x-access-token:ghs_abc123@github.com/o/r.git failed; token glpat-XyZ_12-3 rejected"));

        assertThat(described).doesNotContain("ghs_abc123", "x-access-token", "glpat-XyZ")
                .isEqualTo("IOException: clone of https://***@github.com/o/r.git failed; token *** rejected");
    }

    private BoundedReviewQueue queue(int workers, int capacity, Duration grace) {
        return new BoundedReviewQueue(new ReviewQueueSettings(workers, capacity, stateDir.toString(), grace, 3,
                Duration.ofMillis(2)), reviewer);
    }

    private static ReviewRequest request(int number, String head) {
        String url = "https://github.com/o/r.git";
        return new ReviewRequest(Forge.GITHUB, "https://api.github.com", "o/r", null, number, "main",
                "f".repeat(40), url, head.repeat(40), url, null, "test");
    }
}
