package dev.guardrails.plugin.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * GitHub (or GitHub Enterprise) access, from {@code guardrails.github.*} / env
 * {@code GUARDRAILS_GITHUB_*}. Either a token or a GitHub App (id + private key) authenticates
 * API calls; the webhook secret verifies deliveries. None of these values is ever logged.
 *
 * @param apiUrl         REST API root; https://api.github.com, or https://HOST/api/v3 for Enterprise
 * @param webhookSecret  secret configured on the webhook (HMAC-SHA256 of the body)
 * @param token          personal or fine-grained token, if not using an App
 * @param appId          GitHub App id
 * @param privateKeyPath PEM file of the App's private key
 * @param commitStatus   also set a commit status besides the check run
 */
@ConfigurationProperties("guardrails.github")
public record GitHubSettings(
        @Nullable String apiUrl,
        @Nullable String webhookSecret,
        @Nullable String token,
        @Nullable String appId,
        @Nullable String privateKeyPath,
        @io.micronaut.core.bind.annotation.Bindable(defaultValue = "false") boolean commitStatus) {

    public String apiUrlOrDefault() {
        return apiUrl == null || apiUrl.isBlank() ? "https://api.github.com" : apiUrl.replaceAll("/+$", "");
    }

    @Override
    public String toString() {
        return "GitHubSettings[apiUrl=" + apiUrlOrDefault() + ", app=" + (appId != null) + "]";
    }
}
