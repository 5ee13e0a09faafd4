package dev.guardrails.plugin.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guardrails.plugin.forge.ForgeApiException;
import dev.guardrails.plugin.review.BoundedReviewQueue;
import dev.guardrails.plugin.review.Forge;
import dev.guardrails.plugin.review.ReviewQueue.Submission;
import dev.guardrails.plugin.review.ReviewQueueSettings;
import dev.guardrails.plugin.review.ReviewRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing accepted is lost, nothing loops forever: durable acceptance, persisted attempt counts, a
 * torn journal after a kill, transient-only retries, the review time-box and cancellation.
 */
class ReviewQueueDurabilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path stateDir;

    private final RecordingReviewer reviewer = new RecordingReviewer(Duration.ZERO);
    private final FlakyJournalStore store = new FlakyJournalStore();
    private final RecordingFailures failures = new RecordingFailures();

    @Test
    void aSubmissionThatCannotBeJournaledIsRefusedAndLeavesNothingBehind() throws Exception {
        try (BoundedReviewQueue queue = queue(Duration.ofMinutes(1))) {
            store.diskFull(true);
            assertThat(queue.submit(request(1, "a"))).isEqualTo(Submission.UNAVAILABLE);
            assertThat(queue.pending()).isZero();
            // Superseding a queued head must not half-happen either.
            store.diskFull(false);
            reviewer.hold();
            queue.submit(request(7, "a"));
            reviewer.awaitStarted(1);
            assertThat(queue.submit(request(2, "a"))).isEqualTo(Submission.ACCEPTED);
            store.diskFull(true);
            assertThat(queue.submit(request(2, "b"))).isEqualTo(Submission.UNAVAILABLE);
            store.diskFull(false);
            assertThat(journal()).anySatisfy(line -> assertThat(line).contains("\"headSha\":\"" + "a".repeat(40)));
            reviewer.release();
            assertThat(queue.awaitIdle(Duration.ofSeconds(30))).isTrue();
            assertThat(reviewer.reviewed()).extracting(ReviewRequest::key)
                    .containsExactly(request(7, "a").key(), request(2, "a").key());
        }
    }

    @Test
    void anAcceptedReviewIsOnDiskWithItsAttemptCountBeforeItRuns() throws Exception {
        try (BoundedReviewQueue queue = queue(Duration.ofMinutes(1))) {
            reviewer.hold();
            MDC.put("requestId", "req-42");
            try {
                assertThat(queue.submit(request(1, "a"))).isEqualTo(Submission.ACCEPTED);
            } finally {
                MDC.remove("requestId");
            }
            reviewer.awaitStarted(1);
            ObjectNode line = (ObjectNode) JSON.readTree(journal().get(0));
            assertThat(line.get("attempts").asInt()).isEqualTo(1);
            assertThat(line.get("requestId").asText()).isEqualTo("req-42");
            reviewer.release();
            assertThat(queue.awaitIdle(Duration.ofSeconds(30))).isTrue();
            assertThat(reviewer.requestIds()).containsExactly("req-42");
            assertThat(journal()).isEmpty();
        }
    }

    @Test
    void aTornJournalFromAKillMidWriteIsReadUpToTheDamage() throws Exception {
        Files.createDirectories(stateDir);
        String whole = line(request(1, "a"), 0);
        String torn = line(request(2, "b"), 0);
        Files.writeString(stateDir.resolve("pending-reviews.jsonl"),
                whole + "\n" + torn.substring(0, torn.length() / 2), StandardCharsets.UTF_8);
        Files.writeString(stateDir.resolve("pending-reviews.jsonl.tmp"), "{\"forge\":\"GIT", StandardCharsets.UTF_8);

        try (BoundedReviewQueue queue = queue(Duration.ofMinutes(1))) {
            assertThat(queue.awaitIdle(Duration.ofSeconds(30))).isTrue();
            assertThat(reviewer.reviewed()).extracting(ReviewRequest::key).containsExactly(request(1, "a").key());
        }
    }

    @Test
    void aReviewThatKeepsCrashingTheProcessIsDroppedVisiblyOnRestart() throws Exception {
        Files.createDirectories(stateDir);
        // Started four times (max-retries 3 + 1) and never finished: each start took the process down.
        Files.writeString(stateDir.resolve("pending-reviews.jsonl"),
                line(request(1, "a"), 4) + "\n" + line(request(2, "a"), 2) + "\n", StandardCharsets.UTF_8);

        try (BoundedReviewQueue queue = queue(Duration.ofMinutes(1))) {
            assertThat(queue.awaitIdle(Duration.ofSeconds(30))).isTrue();
            assertThat(reviewer.attempts()).extracting(ReviewRequest::number).containsExactly(2);
            assertThat(failures.failures()).singleElement().asString()
                    .startsWith(request(1, "a").key()).contains("started 4 times and never finished");
            assertThat(journal()).isEmpty();
        }
    }

    @Test
    void permanentForgeErrorsAreNotRetriedTransientOnesAre() throws Exception {
        try (BoundedReviewQueue queue = queue(Duration.ofMinutes(1))) {
            for (int status : new int[] {401, 403, 404, 422}) {
                reviewer.reset();
                reviewer.failNext(1, new ForgeApiException("GET", "/repos/o/r/pulls/1", status, "no", null));
                queue.submit(request(status, "a"));
                assertThat(queue.awaitIdle(Duration.ofSeconds(30))).isTrue();
                assertThat(reviewer.attempts()).as("HTTP %d", status).hasSize(1);
            }
            assertThat(failures.failures()).hasSize(4).allSatisfy(f -> assertThat(f).contains("ForgeApiException"));

            for (int status : new int[] {500, 502, 429, 0}) {
                reviewer.reset();
                reviewer.failNext(1, new ForgeApiException("GET", "/repos/o/r/pulls/1", status, "busy", null));
                queue.submit(request(1000 + status, "a"));
                assertThat(queue.awaitIdle(Duration.ofSeconds(30))).isTrue();
                assertThat(reviewer.attempts()).as("HTTP %d", status).hasSize(2);
                assertThat(reviewer.reviewed()).hasSize(1);
            }
            assertThat(failures.failures()).hasSize(4);
        }
    }

    @Test
    void aReviewThatOverrunsItsTimeIsInterruptedRetriedAndFinallyDropped() throws Exception {
        try (BoundedReviewQueue queue = queue(Duration.ofMillis(200))) {
            reviewer.hold();
            queue.submit(request(1, "a"));
            assertThat(queue.awaitIdle(Duration.ofSeconds(30))).isTrue();
            assertThat(reviewer.attempts()).hasSize(4);
            assertThat(reviewer.reviewed()).isEmpty();
            assertThat(failures.failures()).singleElement().asString().contains("guardrails.review.timeout");
            reviewer.release();
        }
    }

    @Test
    void closingAPullRequestCancelsItsQueuedReview() throws Exception {
        try (BoundedReviewQueue queue = queue(Duration.ofMinutes(1))) {
            reviewer.hold();
            queue.submit(request(1, "a"));
            reviewer.awaitStarted(1);
            queue.submit(request(2, "a"));
            queue.submit(request(3, "a"));

            assertThat(queue.cancel(Forge.GITHUB, "o/r", 2)).isEqualTo(1);
            assertThat(queue.cancel(Forge.GITHUB, "o/r", 9)).isZero();
            reviewer.release();
            assertThat(queue.awaitIdle(Duration.ofSeconds(30))).isTrue();
            assertThat(reviewer.reviewed()).extracting(ReviewRequest::number).containsExactly(1, 3);
            assertThat(journal()).isEmpty();
        }
    }

    @Test
    void aPullRequestClosedWhileItsReviewFailsIsNotRetried() throws Exception {
        try (BoundedReviewQueue queue = queue(Duration.ofMinutes(1))) {
            reviewer.hold();
            reviewer.failNext(1);
            queue.submit(request(1, "a"));
            reviewer.awaitStarted(1);
            queue.cancel(Forge.GITHUB, "o/r", 1);
            reviewer.release();
            assertThat(queue.awaitIdle(Duration.ofSeconds(30))).isTrue();
            assertThat(reviewer.attempts()).hasSize(1);
            assertThat(failures.failures()).isEmpty();
        }
    }

    private List<String> journal() throws Exception {
        Path file = stateDir.resolve("pending-reviews.jsonl");
        return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList() : List.of();
    }

    private static String line(ReviewRequest r, int attempts) throws Exception {
        ObjectNode n = JSON.createObjectNode();
        n.put("forge", r.forge().name());
        n.put("apiBaseUrl", r.apiBaseUrl());
        n.put("repository", r.repository());
        n.put("number", r.number());
        n.put("baseRef", r.baseRef());
        n.put("baseSha", r.baseSha());
        n.put("baseCloneUrl", r.baseCloneUrl());
        n.put("headSha", r.headSha());
        n.put("headCloneUrl", r.headCloneUrl());
        n.put("trigger", r.trigger());
        n.put("attempts", attempts);
        return JSON.writeValueAsString(n);
    }

    private BoundedReviewQueue queue(Duration timeout) {
        return new BoundedReviewQueue(new ReviewQueueSettings(1, 10, stateDir.toString(), Duration.ofSeconds(5), 3,
                Duration.ofMillis(2), timeout), reviewer, store, List.of(failures));
    }

    private static ReviewRequest request(int number, String head) {
        String url = "https://github.com/o/r.git";
        return new ReviewRequest(Forge.GITHUB, "https://api.github.com", "o/r", null, number, "main",
                "f".repeat(40), url, head.repeat(40), url, null, "test");
    }
}
