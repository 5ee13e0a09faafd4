package dev.guardrails.plugin.webhook;

import dev.guardrails.plugin.review.Forge;
import dev.guardrails.plugin.review.ReviewRequest;

import java.util.Optional;

/**
 * Looks up a pull/merge request's current head, base and clone URLs through the forge API. Comment
 * payloads (GitHub {@code issue_comment}) do not carry them, so a {@code /guardrails rescan} needs
 * this; it is implemented by the review side's API client. When no implementation is present,
 * rescan commands are answered with 501.
 */
public interface PullRequestResolver {

    /**
     * @param projectId      GitLab's numeric project id; null on GitHub
     * @param installationId GitHub App installation id, or null when a plain token is used
     * @return the request to review, or empty when the PR does not exist or is no longer open
     * @throws Exception when the API could not be asked; logged, and the command is dropped
     */
    Optional<ReviewRequest> resolve(Forge forge, String apiBaseUrl, String repository, String projectId,
                                    int number, Long installationId) throws Exception;
}
