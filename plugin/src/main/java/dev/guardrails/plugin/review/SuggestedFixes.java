package dev.guardrails.plugin.review;

import dev.guardrails.argocd.app.RepoCopies;
import dev.guardrails.argocd.app.RepoRenderings;
import dev.guardrails.argocd.app.RepoScan;
import dev.guardrails.scanner.config.ConfigException;
import dev.guardrails.scanner.config.ConfigLoader;
import dev.guardrails.scanner.config.GuardrailsConfig;
import dev.guardrails.scanner.engine.GuardrailsEngine;
import dev.guardrails.scanner.engine.ScanOptions;
import dev.guardrails.scanner.fix.BuiltinFixes;
import dev.guardrails.scanner.fix.FixDefaults;
import dev.guardrails.scanner.fix.FixReport;
import dev.guardrails.scanner.fix.FixRunner;
import dev.guardrails.scanner.fix.SourceFiles;
import dev.guardrails.scanner.fix.Suggestions;
import dev.guardrails.scanner.model.Finding;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code guardrails fix} on a copy of the head, limited to the change's new findings and the
 * apps they are in, so the review can offer each verified fix as a suggested change. The checkout
 * the review reads is never written. A fix run that fails costs the suggestions, never the review.
 */
final class SuggestedFixes {

    private static final Logger LOG = LoggerFactory.getLogger(SuggestedFixes.class);

    private final GuardrailsEngine engine;
    private final ConfigLoader loader;
    private final ScanOptions options;
    private final Duration budget;

    /** @param budget how long the fix run may take; renders past it are not started and no suggestion is made */
    SuggestedFixes(GuardrailsEngine engine, ConfigLoader loader, ScanOptions options, Duration budget) {
        this.engine = engine;
        this.loader = loader;
        this.options = options;
        this.budget = budget;
    }

    /** Apps re-rendered for suggestions per review at most; a change touching more gets none. */
    static final int MAX_APPS = 10;

    /**
     * Verified fixes of the report's new findings that inline comments show, or null when none is
     * fixable, they are spread over more than {@link #MAX_APPS} apps, or the run failed.
     *
     * @param shown fingerprints of the findings the inline comments are about
     */
    Suggestions compute(ChangeReport report, Path headRoot, List<String> repoUrls, Set<String> shown) {
        if (report.policyError() != null) {
            return null;
        }
        Set<String> fingerprints = new HashSet<>();
        Set<String> apps = new HashSet<>();
        for (ChangeReport.AppChange app : report.apps()) {
            for (Finding f : app.added()) {
                if (shown.contains(f.fingerprint()) && BuiltinFixes.forRule(f.ruleId()).isPresent()) {
                    fingerprints.add(f.fingerprint());
                    apps.add(app.name());
                }
            }
        }
        if (fingerprints.isEmpty()) {
            return null;
        }
        if (apps.size() > MAX_APPS) {
            // The review must finish in its time box; a change this wide is for `guardrails fix`.
            LOG.info("no suggested fixes: fixable findings in {} apps (at most {})", apps.size(), MAX_APPS);
            return null;
        }
        try (RepoCopies copies = new RepoCopies(headRoot)) {
            Path work = copies.newCopy();
            GuardrailsConfig policy = loader.loadFromRepo(work);
            FixDefaults defaults = loader.loadFixes(work.resolve(ConfigLoader.FILE_NAME), ConfigLoader.FILE_NAME);
            // Every app is planned, so variants of a changed chart are checked too; only these are fixed.
            FixRunner.Renderings renderings = bounded(new RepoRenderings(engine, work, policy, options,
                    RepoScan.Apps.AUTO, repoUrls, note -> LOG.debug("fix: {}", note)), System.nanoTime() + budget.toNanos());
            FixReport fixed = new FixRunner(new SourceFiles(work), defaults, policy.settings(),
                    f -> fingerprints.contains(f.fingerprint())).onlyApps(apps::contains).run(renderings);
            return new Suggestions(fixed, new SourceFiles(headRoot));
        } catch (OverBudget e) {
            LOG.info("no suggested fixes: {}", e.getMessage());
            return null;
        } catch (ConfigException | IOException | RuntimeException e) {
            LOG.warn("no suggested fixes: {}", BoundedReviewQueue.describe(e));
            return null;
        }
    }

    /** The fix run ran out of its budget: the review goes on without suggestions. */
    private static final class OverBudget extends IOException {
        OverBudget(String message) {
            super(message);
        }
    }

    /** Renderings that refuse to start a render past the deadline (a slow or hostile repo costs the suggestions only). */
    private FixRunner.Renderings bounded(FixRunner.Renderings inner, long deadline) {
        return new FixRunner.Renderings() {
            @Override
            public List<dev.guardrails.scanner.engine.AppTarget> plan() throws IOException {
                check();
                return inner.plan();
            }

            @Override
            public dev.guardrails.scanner.engine.AppResult evaluate(String appName) throws IOException {
                check();
                return inner.evaluate(appName);
            }

            private void check() throws OverBudget {
                if (System.nanoTime() - deadline > 0) {
                    throw new OverBudget("the fix run took longer than " + budget
                            + " (guardrails.review.comment.suggestions-timeout)");
                }
            }
        };
    }
}
