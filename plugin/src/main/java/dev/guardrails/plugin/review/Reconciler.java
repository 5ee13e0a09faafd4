package dev.guardrails.plugin.review;

import dev.guardrails.plugin.forge.ForgeApiException;
import dev.guardrails.plugin.forge.ForgeClient;
import dev.guardrails.plugin.forge.ForgeClients;
import dev.guardrails.plugin.forge.OpenRequest;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure no open pull request is left without a result, whatever happened to its webhook (a
 * restart with a queued review, a dropped delivery): when the server starts and then every
 * {@code guardrails.review.reconcile-interval}, it lists the open PRs/MRs of the configured
 * repositories and queues a review (trigger {@code reconcile}) for each head SHA without a
 * guardrails check run (GitHub App), commit status (GitHub token, GitLab).
 *
 * <p>Only active with {@code guardrails.review.repositories} set and a {@link ReviewQueue} bean, and
 * only scheduled once the HTTP server is up, so CLI commands never call the forge.
 */
@Singleton
@Requires(property = "guardrails.review.repositories")
@Requires(beans = ReviewQueue.class)
public final class Reconciler implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    private final ForgeClients clients;
    private final ReviewQueue queue;
    private final ReviewSettings settings;
    private final TaskScheduler scheduler;

    @Inject
    public Reconciler(ForgeClients clients, ReviewQueue queue, ReviewSettings settings,
                      @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        this.clients = clients;
        this.queue = queue;
        this.settings = settings;
        this.scheduler = scheduler;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        Duration interval = settings.reconcileIntervalOrDefault();
        scheduler.scheduleWithFixedDelay(Duration.ofSeconds(1), interval, this::reconcileQuietly);
        LOG.info("reconciling {} repositories every {}", settings.repositoriesOrEmpty().size(), interval);
    }

    private void reconcileQuietly() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            LOG.warn("reconcile failed: {}", e.getMessage());
        }
    }

    /**
     * One pass over the configured repositories.
     *
     * @return reviews submitted and accepted by the queue
     */
    public int reconcile() {
        int submitted = 0;
        for (String entry : settings.repositoriesOrEmpty()) {
            Target target = target(entry);
            if (target == null) {
                LOG.warn("repository '{}': no forge credentials configured for it, skipped", entry);
                continue;
            }
            ForgeClient client = clients.client(target.forge());
            try {
                for (OpenRequest open : client.openRequests(target.repository(), null)) {
                    if (client.hasResult(open, null)) {
                        continue;
                    }
                    Optional<ReviewRequest> request = client.fetch(open.repository(), open.projectId(), open.number(),
                            null, "reconcile");
                    if (request.isEmpty()) {
                        continue;
                    }
                    ReviewQueue.Submission s = queue.submit(request.get());
                    LOG.info("reconcile: {} {}", request.get().key(), s);
                    if (s == ReviewQueue.Submission.ACCEPTED) {
                        submitted++;
                    }
                }
            } catch (ForgeApiException e) {
                LOG.warn("reconcile {}: {}", entry, e.getMessage());
            }
        }
        return submitted;
    }

    private record Target(Forge forge, String repository) {
    }

    /** {@code github:owner/name}, {@code gitlab:group/project}, or unprefixed for the one configured forge (GitHub if both). */
    private Target target(String entry) {
        String lower = entry.toLowerCase(Locale.ROOT);
        if (lower.startsWith("github:")) {
            return new Target(Forge.GITHUB, entry.substring(7).strip());
        }
        if (lower.startsWith("gitlab:")) {
            return new Target(Forge.GITLAB, entry.substring(7).strip());
        }
        if (clients.configured(Forge.GITHUB)) {
            return new Target(Forge.GITHUB, entry);
        }
        if (clients.configured(Forge.GITLAB)) {
            return new Target(Forge.GITLAB, entry);
        }
        return null;
    }
}
