package dev.guardrails.plugin.webhook;

import dev.guardrails.plugin.review.BoundedReviewQueue;
import dev.guardrails.plugin.review.ReviewQueueSettings;
import dev.guardrails.plugin.review.ReviewRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 while the journal is being rewritten: a real child JVM acknowledges reviews as fast as it
 * can and is killed mid-stream; every review it acknowledged must come back on the next start.
 */
class JournalKillTest {

    private static final int ACKS_BEFORE_KILL = 150;

    @TempDir
    Path stateDir;

    @Test
    void everyAcknowledgedReviewSurvivesAKillDuringJournalWrites() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), JournalKillChild.class.getName(),
                stateDir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Set<Integer> acknowledged = new HashSet<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged.size() < ACKS_BEFORE_KILL && (line = out.readLine()) != null) {
                if (line.startsWith("ok ")) {
                    acknowledged.add(Integer.parseInt(line.substring(3)));
                }
            }
            // SIGKILL: no shutdown hook, no flush, possibly in the middle of a journal rewrite.
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);

        RecordingReviewer reviewer = new RecordingReviewer(Duration.ZERO);
        try (BoundedReviewQueue queue = new BoundedReviewQueue(new ReviewQueueSettings(2, 10, stateDir.toString(),
                Duration.ofSeconds(5), 3, Duration.ofMillis(2)), reviewer)) {
            assertThat(queue.awaitIdle(Duration.ofSeconds(60))).isTrue();
        }
        Set<Integer> recovered = new HashSet<>();
        for (ReviewRequest r : reviewer.reviewed()) {
            recovered.add(r.number());
        }
        assertThat(recovered).containsAll(acknowledged);
    }
}
