package dev.guardrails.plugin.review;

import dev.guardrails.plugin.engine.Engines;
import dev.guardrails.plugin.forge.ForgeClient;
import dev.guardrails.plugin.forge.ForgeClients;
import dev.guardrails.plugin.forge.GitLabClient;
import dev.guardrails.plugin.forge.Publication;
import dev.guardrails.scanner.config.ConfigLoader;
import dev.guardrails.scanner.engine.GuardrailsEngine;
import dev.guardrails.scanner.engine.ScanOptions;
import dev.guardrails.scanner.fix.Suggestions;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reviews one pull/merge request: fetches base and head (the head from the fork when there is
 * one), scans the apps the change affects on both, and publishes what changed: the sticky
 * comment, inline comments and the check run (GitHub App) or commit status (GitHub token, GitLab).
 * The head is marked in progress when the request is accepted and again (idempotently) when the
 * review starts; a review that fails for good is published as failed with its reason. Temp directories are always
 * deleted; tokens are used for HTTPS fetches and API calls only and never logged.
 */
@Singleton
public final class ReviewService implements Reviewer {

    private static final Logger LOG = LoggerFactory.getLogger(ReviewService.class);
    private static final int MAX_REASON_CHARS = 1_000;

    private final ForgeClients clients;
    private final GuardrailsEngine engine;
    private final ScanOptions options;
    private final CommentSettings comments;
    private final Executor background;

    /** Uses the server's engine bean, so reviews show up in its metrics. */
    @Inject
    public ReviewService(ForgeClients clients, GuardrailsEngine engine, CommentSettings comments,
                         @Named(TaskExecutors.IO) ExecutorService io) {
        this(clients, engine, new ScanOptions(null, Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
                Clock.systemUTC()), comments, io);
    }

    /** For tests and tools: marks in progress on the calling thread. */
    public ReviewService(ForgeClients clients, GuardrailsEngine engine, ScanOptions options) {
        this(clients, engine, options, CommentSettings.defaults(), Runnable::run);
    }

    public ReviewService(ForgeClients clients, GuardrailsEngine engine, ScanOptions options, CommentSettings comments,
                         Executor background) {
        this.clients = clients;
        this.engine = engine;
        this.options = options;
        this.comments = comments == null ? CommentSettings.defaults() : comments;
        this.background = background;
    }

    @Override
    public void accepted(ReviewRequest request) {
        try {
            background.execute(() -> markInProgress(request));
        } catch (RejectedExecutionException e) {
            LOG.debug("not marking {} in progress: executor shut down", request.key());
        }
    }

    @Override
    public void review(ReviewRequest request) throws Exception {
        ForgeClient client = clients.clientFor(request.forge(), request.apiBaseUrl());
        markInProgress(request);
        Optional<String> token = client.gitToken(request);
        ConfigLoader loader = new ConfigLoader(Engines.ruleIds(engine));
        ChangeScanner scanner = new ChangeScanner(engine, loader, options);
        int maxChars = client.forge() == Forge.GITHUB ? CommentFormatter.GITHUB_MAX : GitLabClient.MAX_BODY - 1_000;
        long t0 = System.nanoTime();
        Publication publication;
        ChangeReport report;
        try (RevisionCheckout checkout = RevisionCheckout.fetch(request, client.headRef(request.number()),
                client.gitUser(), token)) {
            // Applications in the repo that name its clone URL are rendered as Argo CD would.
            List<String> repoUrls = request.baseCloneUrl() == null ? List.of() : List.of(request.baseCloneUrl());
            report = scanner.scan(checkout.baseRoot(), checkout.headRoot(), checkout.changedPaths(),
                    checkout.baseSha(), checkout.headSha(), request.baseRef(), repoUrls);
            CommentFormatter formatter = new CommentFormatter(maxChars, LocalDate.now(options.clock()), comments,
                    RepoLinks.of(request, checkout.headSha()));
            Suggestions fixes = comments.suggest() && comments.maxInline() > 0
                    ? new SuggestedFixes(engine, loader, options, comments.suggestionsBudget()).compute(report, checkout.headRoot(), repoUrls,
                    formatter.inlineFingerprints(report, checkout.headRoot())) : null;
            publication = formatter.publication(report, checkout.headRoot(), fixes);
        }
        client.publish(request, publication);
        LOG.info("reviewed {} ({}): {} of {} apps affected, {} new blocking, {} new warnings, {} fixed, {} exempted in {} ms",
                request.key(), request.trigger(), report.apps().size(), report.totalApps(), report.newBlocking(),
                report.newWarnings(), report.fixed(), report.newlyExempted(), (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Publishes a failed review: a failed check run (GitHub App) or an error/failed commit status,
     * and the sticky comment replaced by the reason and how to re-run. The next successful review
     * overwrites both. Publishing problems are logged, never thrown.
     */
    @Override
    public void failed(ReviewRequest request, String reason) {
        String why = CommentFormatter.truncate(BoundedReviewQueue.scrub(reason == null ? "unknown error" : reason),
                MAX_REASON_CHARS);
        try {
            ForgeClient client = clients.clientFor(request.forge(), request.apiBaseUrl());
            client.publish(request, CommentFormatter.failure(request, why, client.checkRuns()));
            LOG.info("published the failed review of {}: {}", request.key(), why);
        } catch (Exception e) {
            LOG.warn("could not publish the failed review of {}: {}", request.key(), BoundedReviewQueue.describe(e));
        }
    }

    /** Best effort: a review must not fail because its in-progress mark could not be set. */
    private void markInProgress(ReviewRequest request) {
        try {
            clients.clientFor(request.forge(), request.apiBaseUrl()).markInProgress(request);
        } catch (Exception e) {
            LOG.warn("could not mark {} in progress: {}", request.key(), BoundedReviewQueue.describe(e));
        }
    }
}
