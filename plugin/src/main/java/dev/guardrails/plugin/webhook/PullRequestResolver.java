package dev.guardrails.plugin.webhook;

import dev.guardrails.plugin.review.Forge;
import dev.guardrails.plugin.review.ReviewRequest;
import java.util.Optional;

/**
 * Looks up a pull/merge request by number through the forge API. Comment commands
 * ({@code /guardrails rescan}) only carry the number, so the intake side asks this for the
 * current base and head.
 */
public interface PullRequestResolver {

    Optional<ReviewRequest> resolve(Forge forge, String apiBaseUrl, String repository, String projectId, int number,
                                    Long installationId);
}
