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
 * @param maxRetries    retries of a failed review before it is dropped
 * @param retryBackoff  delay before the first retry, doubled for each further one
 */
@ConfigurationProperties("guardrails.review")
public record ReviewQueueSettings(
        @Bindable(defaultValue = "2") int workers,
        @Bindable(defaultValue = "100") int queueCapacity,
        @Nullable String stateDir,
        @Bindable(defaultValue = "30s") Duration shutdownGrace,
        @Bindable(defaultValue = "3") int maxRetries,
        @Bindable(defaultValue = "10s") Duration retryBackoff) {

    public ReviewQueueSettings {
        if (workers < 1) {
            throw new IllegalArgumentException("guardrails.review.workers must be at least 1, was " + workers);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("guardrails.review.queue-capacity must be at least 1, was " + queueCapacity);
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
