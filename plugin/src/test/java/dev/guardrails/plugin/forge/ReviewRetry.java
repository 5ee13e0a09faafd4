package dev.guardrails.plugin.forge;

import java.time.Duration;

/** Retry policies for tests: short delays, real sleeping. */
final class ReviewRetry {

    static final RetryPolicy FAST_WITH_REAL_SLEEP = new RetryPolicy(4, Duration.ofMillis(5), Duration.ofMillis(20),
            Duration.ofSeconds(5), Duration.ofSeconds(10));

    private ReviewRetry() {
    }
}
