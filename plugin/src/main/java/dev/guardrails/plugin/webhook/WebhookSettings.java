package dev.guardrails.plugin.webhook;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Webhook intake limits, from {@code guardrails.webhook.*} / env {@code GUARDRAILS_WEBHOOK_*}.
 *
 * @param maxBodyBytes  largest accepted delivery; GitHub caps payloads at 25 MB, so that is the default.
 *                      The server's own {@code micronaut.server.max-request-size} must be at least this.
 * @param dedupCapacity how many recent delivery ids are remembered for replay protection
 * @param dedupTtl      how long a delivery id is remembered
 */
@ConfigurationProperties("guardrails.webhook")
public record WebhookSettings(
        @Bindable(defaultValue = "26214400") long maxBodyBytes,
        @Bindable(defaultValue = "10000") int dedupCapacity,
        @Bindable(defaultValue = "24h") Duration dedupTtl) {
}
