package dev.guardrails.plugin.webhook;

import dev.guardrails.plugin.review.BoundedReviewQueue;
import dev.guardrails.plugin.review.Forge;
import dev.guardrails.plugin.review.ReviewQueue.Submission;
import dev.guardrails.plugin.review.ReviewQueueSettings;
import dev.guardrails.plugin.review.ReviewRequest;

import java.time.Duration;

/**
 * Child process of {@link JournalKillTest}: submits reviews as fast as it can (their reviewer never
 * returns, so every one stays journaled) and prints {@code ok N} for each acknowledged one, until it
 * is killed.
 */
public final class JournalKillChild {

    private JournalKillChild() {
    }

    public static void main(String[] args) throws Exception {
        BoundedReviewQueue queue = new BoundedReviewQueue(new ReviewQueueSettings(1, 1_000_000, args[0],
                Duration.ofSeconds(1), 3, Duration.ofSeconds(1)), request -> Thread.sleep(Long.MAX_VALUE));
        for (int i = 1; ; i++) {
            if (queue.submit(request(i)) == Submission.ACCEPTED) {
                System.out.println("ok " + i);
                System.out.flush();
            }
        }
    }

    static ReviewRequest request(int number) {
        String url = "https://github.com/o/r.git";
        return new ReviewRequest(Forge.GITHUB, "https://api.github.com", "o/r", null, number, "main",
                "f".repeat(40), url, "a".repeat(40), url, null, "kill-test");
    }
}
