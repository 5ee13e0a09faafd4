package dev.guardrails.plugin.review;

import dev.guardrails.plugin.engine.Engines;
import dev.guardrails.plugin.forge.ForgeClient;
import dev.guardrails.plugin.forge.ForgeClients;
import dev.guardrails.plugin.forge.GitLabClient;
import dev.guardrails.plugin.forge.Publication;
import dev.guardrails.scanner.config.ConfigLoader;
import dev.guardrails.scanner.engine.GuardrailsEngine;
import dev.guardrails.scanner.engine.ScanOptions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reviews one pull/merge request: fetches base and head (the head from the fork when there is
 * one), scans the apps the change affects on both, and publishes what changed: the sticky
 * comment and the check run (GitHub) or commit status (GitLab). Temp directories are always
 * deleted; tokens are used for HTTPS fetches and API calls only and never logged.
 */
@Singleton
public final class ReviewService implements Reviewer {

    private static final Logger LOG = LoggerFactory.getLogger(ReviewService.class);

    private final ForgeClients clients;
    private final GuardrailsEngine engine;
    private final ScanOptions options;

    /** Uses the server's engine bean, so reviews show up in its metrics. */
    @Inject
    public ReviewService(ForgeClients clients, GuardrailsEngine engine) {
        this(clients, engine, new ScanOptions(null, Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
                Clock.systemUTC()));
    }

    public ReviewService(ForgeClients clients, GuardrailsEngine engine, ScanOptions options) {
        this.clients = clients;
        this.engine = engine;
        this.options = options;
    }

    @Override
    public void review(ReviewRequest request) throws Exception {
        ForgeClient client = clients.clientFor(request.forge(), request.apiBaseUrl());
        Optional<String> token = client.gitToken(request);
        ChangeScanner scanner = new ChangeScanner(engine, new ConfigLoader(Engines.ruleIds(engine)), options);
        int maxChars = client.forge() == Forge.GITHUB ? CommentFormatter.GITHUB_MAX : GitLabClient.MAX_BODY - 1_000;
        CommentFormatter formatter = new CommentFormatter(maxChars, LocalDate.now(options.clock()));
        long t0 = System.nanoTime();
        Publication publication;
        ChangeReport report;
        try (RevisionCheckout checkout = RevisionCheckout.fetch(request, client.headRef(request.number()),
                client.gitUser(), token)) {
            // Applications in the repo that name its clone URL are rendered as Argo CD would.
            List<String> repoUrls = request.baseCloneUrl() == null ? List.of() : List.of(request.baseCloneUrl());
            report = scanner.scan(checkout.baseRoot(), checkout.headRoot(), checkout.changedPaths(),
                    checkout.baseSha(), checkout.headSha(), request.baseRef(), repoUrls);
            publication = formatter.publication(report, checkout.headRoot());
        }
        client.publish(request, publication);
        LOG.info("reviewed {} ({}): {} of {} apps affected, {} new blocking, {} new warnings, {} fixed in {} ms",
                request.key(), request.trigger(), report.apps().size(), report.totalApps(), report.newBlocking(),
                report.newWarnings(), report.fixed(), (System.nanoTime() - t0) / 1_000_000);
    }
}
