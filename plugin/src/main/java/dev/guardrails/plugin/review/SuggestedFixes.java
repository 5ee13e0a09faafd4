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

    SuggestedFixes(GuardrailsEngine engine, ConfigLoader loader, ScanOptions options) {
        this.engine = engine;
        this.loader = loader;
        this.options = options;
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
            RepoRenderings renderings = new RepoRenderings(engine, work, policy, options, RepoScan.Apps.AUTO, repoUrls,
                    note -> LOG.debug("fix: {}", note));
            FixReport fixed = new FixRunner(new SourceFiles(work), defaults, policy.settings(),
                    f -> fingerprints.contains(f.fingerprint())).onlyApps(apps::contains).run(renderings);
            return new Suggestions(fixed, new SourceFiles(headRoot));
        } catch (ConfigException | IOException | RuntimeException e) {
            LOG.warn("no suggested fixes: {}", BoundedReviewQueue.describe(e));
            return null;
        }
    }
}
