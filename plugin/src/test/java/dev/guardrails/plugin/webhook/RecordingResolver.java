package dev.guardrails.plugin.webhook;

import dev.guardrails.plugin.review.Forge;
import dev.guardrails.plugin.review.ReviewRequest;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A fake API lookup that answers every PR with head {@link #HEAD}; present only when asked for. */
@Singleton
@Replaces(PullRequestResolver.class)
@Requires(env = WebhookServer.ENV)
@Requires(property = "webhook-test.resolver", value = "true")
public final class RecordingResolver implements PullRequestResolver {

    static final String HEAD = "0123456789abcdef0123456789abcdef01234567";

    private final List<RescanTarget> calls = new CopyOnWriteArrayList<>();

    @Override
    public Optional<ReviewRequest> resolve(Forge forge, String apiBaseUrl, String repository, String projectId,
                                           int number, Long installationId) {
        calls.add(new RescanTarget(forge, apiBaseUrl, repository, projectId, number, installationId));
        String url = "https://github.com/" + repository + ".git";
        return Optional.of(new ReviewRequest(forge, apiBaseUrl, repository, projectId, number, "master",
                "f95f852bd8fca8fcc58a9a2d6c842781e32a215e", url, HEAD, url, installationId, "resolver"));
    }

    List<RescanTarget> calls() {
        return List.copyOf(calls);
    }
}
