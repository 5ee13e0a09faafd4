package dev.guardrails.plugin.webhook;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Webhook intake limits, from {@code guardrails.webhook.*} / env {@code GUARDRAILS_WEBHOOK_*}.
 *
 * @param maxBodyBytes          largest accepted delivery; GitHub caps payloads at 25 MiB, so that is the
 *                              default. {@code application.yml} derives the server's own
 *                              {@code micronaut.server.max-request-size} and {@code max-request-buffer-size}
 *                              from this one number.
 * @param maxUnverifiedRequests deliveries whose body is read before they are authenticated (GitHub's
 *                              signature covers the body), at once; more are answered 429 at once
 * @param maxUnverifiedBytes    bytes of such bodies held at once; a delivery that does not fit is answered
 *                              503 before (or while) its body is read
 * @param bodyReadTimeout       longest time a body may take to arrive; a slower sender (one that trickles its
 *                              body to hold a slot) is answered 408 and its slot and bytes are freed
 * @param dedupCapacity         how many recent delivery ids are remembered for replay protection
 * @param dedupTtl              how long a delivery id is remembered
 */
@ConfigurationProperties("guardrails.webhook")
public record WebhookSettings(
        @Bindable(defaultValue = "26214400") long maxBodyBytes,
        @Bindable(defaultValue = "8") int maxUnverifiedRequests,
        @Bindable(defaultValue = "67108864") long maxUnverifiedBytes,
        @Bindable(defaultValue = "10s") Duration bodyReadTimeout,
        @Bindable(defaultValue = "10000") int dedupCapacity,
        @Bindable(defaultValue = "24h") Duration dedupTtl) {

    public WebhookSettings {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("guardrails.webhook.max-body-bytes must be positive, was " + maxBodyBytes);
        }
        if (maxUnverifiedRequests < 1) {
            throw new IllegalArgumentException("guardrails.webhook.max-unverified-requests must be at least 1, was "
                    + maxUnverifiedRequests);
        }
        if (maxUnverifiedBytes < maxBodyBytes) {
            throw new IllegalArgumentException("guardrails.webhook.max-unverified-bytes (" + maxUnverifiedBytes
                    + ") must be at least guardrails.webhook.max-body-bytes (" + maxBodyBytes
                    + "), or a delivery of the largest allowed size could never be read");
        }
    }
}
