package dev.guardrails.plugin.review;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.List;

/**
 * PR bot behaviour, from {@code guardrails.review.*}.
 *
 * @param repositories      repositories the reconciler watches: GitHub {@code owner/name} or GitLab project
 *                          paths, optionally prefixed {@code github:} / {@code gitlab:} when both forges are configured
 * @param reconcileInterval how often open PRs are checked for a missing result; default 10 minutes
 * @param statusTargetUrl   link placed on GitLab commit statuses; none when unset
 */
@ConfigurationProperties("guardrails.review")
public record ReviewSettings(
        @Nullable List<String> repositories,
        @Nullable Duration reconcileInterval,
        @Nullable String statusTargetUrl) {

    public List<String> repositoriesOrEmpty() {
        return repositories == null ? List.of() : repositories.stream().filter(r -> r != null && !r.isBlank())
                .map(String::strip).toList();
    }

    public Duration reconcileIntervalOrDefault() {
        return reconcileInterval == null || reconcileInterval.isNegative() || reconcileInterval.isZero()
                ? Duration.ofMinutes(10) : reconcileInterval;
    }
}
