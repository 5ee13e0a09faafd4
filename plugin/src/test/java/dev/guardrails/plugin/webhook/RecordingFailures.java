package dev.guardrails.plugin.webhook;

import dev.guardrails.plugin.review.ReviewFailureListener;
import dev.guardrails.plugin.review.ReviewRequest;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records reviews the queue gave up on, as a PR publisher would see them. */
@Singleton
@Requires(env = WebhookServer.ENV)
public final class RecordingFailures implements ReviewFailureListener {

    private final List<String> failures = new CopyOnWriteArrayList<>();

    @Override
    public void reviewFailedPermanently(ReviewRequest request, String reason) {
        failures.add(request.key() + ": " + reason);
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }
}
