package dev.guardrails.plugin.review;

import dev.guardrails.plugin.forge.ForgeApiException;
import dev.guardrails.plugin.forge.ForgeClients;
import dev.guardrails.plugin.webhook.PullRequestResolver;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a {@code /guardrails rescan} comment to the PR's current base and head by asking the
 * forge API. Empty when the PR is closed or unknown; API failures are logged (method, path,
 * status) and also give empty, as the comment command has no one to report to.
 */
@Singleton
@io.micronaut.context.annotation.Requires(condition = ForgeAccessConfigured.class)
public final class ApiPullRequestResolver implements PullRequestResolver {

    private static final Logger LOG = LoggerFactory.getLogger(ApiPullRequestResolver.class);

    private final ForgeClients clients;

    public ApiPullRequestResolver(ForgeClients clients) {
        this.clients = clients;
    }

    @Override
    public Optional<ReviewRequest> resolve(Forge forge, String apiBaseUrl, String repository, String projectId,
                                           int number, Long installationId) {
        try {
            return clients.clientFor(forge, apiBaseUrl).fetch(repository, projectId, number, installationId, "command");
        } catch (ForgeApiException | IllegalArgumentException e) {
            LOG.warn("cannot resolve {} {}#{}: {}", forge, repository, number, e.getMessage());
            return Optional.empty();
        }
    }
}
