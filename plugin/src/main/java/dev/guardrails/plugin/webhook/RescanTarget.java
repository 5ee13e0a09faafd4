package dev.guardrails.plugin.webhook;

import dev.guardrails.plugin.review.Forge;

/**
 * The pull/merge request a rescan command was written on, as far as the comment payload tells.
 *
 * @param projectId      GitLab's numeric project id; null on GitHub
 * @param installationId GitHub App installation id, or null
 */
public record RescanTarget(Forge forge, String apiBaseUrl, String repository, String projectId, int number,
                           Long installationId) {
}
