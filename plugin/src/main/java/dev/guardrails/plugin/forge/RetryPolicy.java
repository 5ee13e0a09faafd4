package dev.guardrails.plugin.forge;

import java.time.Duration;

/**
 * How forge API calls are retried: server errors, timeouts and connection errors back off
 * exponentially with jitter; rate limits wait for the reset the API announces, up to a cap.
 *
 * @param maxAttempts      attempts per call, first one included
 * @param baseDelay        first backoff; doubles each attempt
 * @param maxDelay         longest single backoff
 * @param maxRateLimitWait longest wait for a rate-limit reset or Retry-After; longer ones fail the call
 * @param requestTimeout   per-request timeout
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxRateLimitWait,
                          Duration requestTimeout) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofMinutes(2),
                Duration.ofSeconds(30));
    }
}
