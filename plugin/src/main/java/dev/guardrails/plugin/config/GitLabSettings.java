package dev.guardrails.plugin.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * GitLab (gitlab.com or self-managed) access, from {@code guardrails.gitlab.*} / env
 * {@code GUARDRAILS_GITLAB_*}. None of these values is ever logged.
 *
 * @param apiUrl       API root, https://gitlab.com/api/v4 or https://HOST/api/v4
 * @param webhookToken secret token configured on the webhook ({@code X-Gitlab-Token})
 * @param token        access token for notes and commit statuses
 */
@ConfigurationProperties("guardrails.gitlab")
public record GitLabSettings(
        @Nullable String apiUrl,
        @Nullable String webhookToken,
        @Nullable String token) {

    public String apiUrlOrDefault() {
        return apiUrl == null || apiUrl.isBlank() ? "https://gitlab.com/api/v4" : apiUrl.replaceAll("/+$", "");
    }

    @Override
    public String toString() {
        return "GitLabSettings[apiUrl=" + apiUrlOrDefault() + "]";
    }
}
