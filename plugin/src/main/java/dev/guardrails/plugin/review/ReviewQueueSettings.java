package dev.guardrails.plugin.review;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The review queue's sizing and durability, from {@code guardrails.review.*} / env
 * {@code GUARDRAILS_REVIEW_*}.
 *
 * @param workers       reviews run in parallel (each clones and renders: keep it near the core count)
 * @param queueCapacity reviews waiting beyond the running ones; a full queue answers webhooks with 503
 * @param stateDir      directory of the pending-review journal; default {@code ${java.io.tmpdir}/guardrails-state}
 * @param shutdownGrace how long shutdown waits for running reviews before interrupting them
 * @param maxRetries    retries of a review that failed transiently (5xx, 429, I/O, time-out, crash) before it
 *                      is dropped with a visible failure; permanent errors (401/403/404/422) are not retried
 * @param retryBackoff  delay before the first retry, doubled for each further one
 * @param timeout       longest a single review attempt may run before it is interrupted and counted as failed
 */
@ConfigurationProperties("guardrails.review")
public record ReviewQueueSettings(
        @Bindable(defaultValue = "2") int workers,
        @Bindable(defaultValue = "100") int queueCapacity,
        @Nullable String stateDir,
        @Bindable(defaultValue = "30s") Duration shutdownGrace,
        @Bindable(defaultValue = "3") int maxRetries,
        @Bindable(defaultValue = "10s") Duration retryBackoff,
        @Bindable(defaultValue = "15m") Duration timeout) {

    /** Settings with the default review time-out. */
    public ReviewQueueSettings(int workers, int queueCapacity, String stateDir, Duration shutdownGrace, int maxRetries,
                               Duration retryBackoff) {
        this(workers, queueCapacity, stateDir, shutdownGrace, maxRetries, retryBackoff, Duration.ofMinutes(15));
    }

    @io.micronaut.core.annotation.Creator
    public ReviewQueueSettings {
        if (workers < 1) {
            throw new IllegalArgumentException("guardrails.review.workers must be at least 1, was " + workers);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("guardrails.review.queue-capacity must be at least 1, was " + queueCapacity);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("guardrails.review.timeout must be positive, was " + timeout);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("guardrails.review.max-retries must not be negative, was " + maxRetries);
        }
    }

    public Path stateDirOrDefault() {
        return stateDir == null || stateDir.isBlank()
                ? Path.of(System.getProperty("java.io.tmpdir"), "guardrails-state")
                : Path.of(stateDir);
    }
}
