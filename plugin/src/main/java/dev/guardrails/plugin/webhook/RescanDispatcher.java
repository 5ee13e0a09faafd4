package dev.guardrails.plugin.webhook;

import dev.guardrails.plugin.review.ReviewQueue;
import dev.guardrails.plugin.review.ReviewRequest;
import dev.guardrails.plugin.review.Reviewer;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * Runs rescan commands off the request thread: resolving a PR is an API round trip, and webhook
 * answers must not wait for it. The resolved request is submitted with trigger {@code command}.
 */
@Singleton
final class RescanDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(RescanDispatcher.class);

    private final PullRequestResolver resolver;
    private final ReviewQueue queue;
    private final ExecutorService executor;
    private final Reviewer reviewer;

    RescanDispatcher(@Nullable PullRequestResolver resolver, ReviewQueue queue,
                     @Named(TaskExecutors.IO) ExecutorService executor, Reviewer reviewer) {
        this.resolver = resolver;
        this.queue = queue;
        this.executor = executor;
        this.reviewer = reviewer;
    }

    /** Whether rescans can be served at all (an API client is configured). */
    boolean available() {
        return resolver != null;
    }

    void dispatch(RescanTarget t) {
        // The delivery's request id follows the lookup and the review it queues.
        java.util.Map<String, String> mdc = org.slf4j.MDC.getCopyOfContextMap();
        executor.execute(() -> {
            if (mdc != null) {
                org.slf4j.MDC.setContextMap(mdc);
            }
            String pr = t.forge() + ":" + t.repository() + "#" + t.number();
            try {
                Optional<ReviewRequest> found = resolver.resolve(t.forge(), t.apiBaseUrl(), t.repository(),
                        t.projectId(), t.number(), t.installationId());
                if (found.isEmpty()) {
                    LOG.info("Rescan of {} skipped: not found or not open", pr);
                    return;
                }
                ReviewRequest r = found.get();
                ReviewRequest command = new ReviewRequest(r.forge(), r.apiBaseUrl(), r.repository(), r.projectId(),
                        r.number(), r.baseRef(), r.baseSha(), r.baseCloneUrl(), r.headSha(), r.headCloneUrl(),
                        r.installationId(), RescanCommand.TRIGGER);
                ReviewQueue.Submission s = queue.submit(command);
                if (s == ReviewQueue.Submission.ACCEPTED) {
                    reviewer.accepted(command);
                }
                LOG.info("Rescan of {} at {}: {}", pr, r.headSha(), s);
            } catch (Exception e) {
                LOG.warn("Rescan of {} failed: could not look the pull request up ({})", pr,
                        e.getClass().getSimpleName());
            } finally {
                org.slf4j.MDC.clear();
            }
        });
    }
}
