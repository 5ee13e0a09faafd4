package dev.guardrails.argocd.app;

import dev.guardrails.argocd.appset.ApplicationSetExpander;
import dev.guardrails.argocd.appset.Cluster;
import dev.guardrails.argocd.appset.ClusterSecrets;
import dev.guardrails.scanner.config.GuardrailsConfig;
import dev.guardrails.scanner.engine.AppTarget;
import dev.guardrails.scanner.engine.GuardrailsEngine;
import dev.guardrails.scanner.engine.PlatformRules;
import dev.guardrails.scanner.engine.ScanOptions;
import dev.guardrails.scanner.model.AppReport;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.ObjectRef;
import dev.guardrails.scanner.model.ScanReport;
import dev.guardrails.scanner.model.SkippedApp;
import dev.guardrails.scanner.model.SourceSpan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Scans a checked-out repo the way its deployer sees it: through its Argo CD Applications and
 * ApplicationSets (app-of-apps followed) when some point at this repo, else by directory layout.
 * Shared by {@code guardrails scan}, the audit and the PR bot.
 */
public final class RepoScan {

    /** Which apps to scan. */
    public enum Apps {
        /** Argo CD Applications when some point at this repo, else directories. */
        AUTO,
        /** Only Argo CD Applications and ApplicationSets. */
        ARGOCD,
        /** Only the directory layout (Chart.yaml, kustomization, plain YAML). */
        DIRECTORIES;

        public static Apps parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--apps must be auto, argocd or directories, not '" + text + "'");
            }
        }
    }

    private final GuardrailsEngine engine;

    public RepoScan(GuardrailsEngine engine) {
        this.engine = engine;
    }

    /**
     * The apps of a checked-out repo, as {@link #scan} would render them. Close the result when done:
     * Argo CD kustomize edits live in temporary copies of the repo.
     *
     * @param invalid Applications Argo CD itself would refuse (reported as render failures)
     */
    public record Targets(List<AppTarget> targets, List<PlanNote> invalid,
                          ApplicationPlan plan) implements AutoCloseable {

        /** Applications, ApplicationSets and sources that were not rendered, each with its reason. */
        public List<PlanNote> skipped() {
            return plan == null ? List.of()
                    : plan.notes().stream().filter(n -> n.level() == PlanNote.Level.SKIPPED).toList();
        }

        @Override
        public void close() {
            if (plan != null) {
                plan.close();
            }
        }
    }

    /**
     * @param repoUrls extra URLs that denote this repo (the origin remote and the policy's
     *                 {@code repoURLs} count already)
     * @param notes    receives one line per skipped source, ApplicationSet problem or fallback
     */
    public Targets targets(Path root, String revision, GuardrailsConfig policy, ScanOptions options, Apps apps,
                           List<String> repoUrls, Consumer<String> notes) throws IOException {
        if (apps != Apps.DIRECTORIES) {
            List<String> urls = new ArrayList<>(repoUrls);
            urls.addAll(policy.repoUrls());
            RepoIdentity identity = RepoIdentity.of(root, urls);
            var walk = new ApplicationPlanner(null, AppSetExpander.NONE, identity).walk(root, policy.exclude());
            List<Cluster> clusters = ClusterSecrets.find(root, walk.markedFiles(), policy.discovery().clusters());
            AppSetExpander appSets = appSet -> {
                var expansion = new ApplicationSetExpander(root, identity, clusters).expand(appSet);
                return new AppSetExpander.Expansion(expansion.applications(), expansion.problems());
            };
            ApplicationPlan plan = new ApplicationPlanner(engine, appSets, identity).plan(root, policy, options, revision);
            if (apps == Apps.ARGOCD || plan.pointsAtThisRepo()) {
                plan.notes().forEach(n -> notes.accept(n.line()));
                return new Targets(plan.targets(), plan.invalid(), plan);
            }
            if (!plan.applications().isEmpty()) {
                notes.accept("guardrails: " + plan.applications().size() + " Argo CD Application(s) found, none"
                        + " with a source in this repository (" + identity + "); scanning directories instead."
                        + " Name this repository with --repo-url or repoURLs in .guardrails.yaml.");
            }
            plan.close();
        }
        return new Targets(engine.discover(root, policy,
                line -> notes.accept(new PlanNote(PlanNote.Level.INFO, "", "", "not an app: " + line).line())),
                List.of(), null);
    }

    /** Scans a checked-out repo; see {@link #targets} for the arguments. */
    public ScanReport scan(Path root, String target, String revision, GuardrailsConfig policy, ScanOptions options,
                           Apps apps, List<String> repoUrls, Consumer<String> notes) throws IOException {
        try (Targets t = targets(root, revision, policy, options, apps, repoUrls, notes)) {
            ScanReport report = engine.scan(t.targets(), target, revision, policy, options);
            return withSkipped(withInvalidApps(report, t.invalid(), policy, options), t.skipped(), policy, options);
        }
    }

    /**
     * Applications, ApplicationSets and sources that were not rendered: listed in the report's
     * coverage and, unless the policy turns their reason off, findings (blocking in enforce).
     */
    private ScanReport withSkipped(ScanReport report, List<PlanNote> skipped, GuardrailsConfig policy,
                                   ScanOptions options) {
        if (skipped.isEmpty()) {
            return report;
        }
        List<Finding> findings = new ArrayList<>(report.findings());
        List<SkippedApp> entries = new ArrayList<>(report.skipped());
        for (PlanNote note : skipped) {
            String file = note.location() == null ? "" : note.location().replaceFirst(":\\d+$", "");
            entries.add(new SkippedApp(note.app(), note.location(), note.reason().id(), note.message()));
            engine.coverageFinding(note.reason(), note.app(), file,
                    new ObjectRef("argoproj.io/v1alpha1", "Application", "", note.app()),
                    new SourceSpan(file, lineOf(note.location()), 0), note.message(), policy, options)
                    .ifPresent(findings::add);
        }
        return new ScanReport(report.target(), report.revision(), report.startedAt(), report.elapsedMillis(),
                report.apps(), findings, report.rules(), entries);
    }

    private static int lineOf(String location) {
        if (location == null) {
            return 0;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(":(\\d+)$").matcher(location);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /**
     * Applications Argo CD itself would refuse (several source types, bad override files, broken
     * kustomize edits) render nothing there either: they are reported as render failures.
     */
    private ScanReport withInvalidApps(ScanReport report, List<PlanNote> invalid, GuardrailsConfig policy,
                                       ScanOptions options) {
        if (invalid.isEmpty()) {
            return report;
        }
        List<Finding> findings = new ArrayList<>(report.findings());
        List<AppReport> apps = new ArrayList<>(report.apps());
        for (PlanNote note : invalid) {
            String file = note.location() == null ? "" : note.location().replaceFirst(":\\d+$", "");
            findings.add(engine.failure(PlatformRules.RENDER_FAILED, note.app(), file,
                    new ObjectRef("argoproj.io/v1alpha1", "Application", "", note.app()),
                    new SourceSpan(file, 0, 0), note.message(), policy, options));
            // Counted as a failed app in coverage, like any render failure.
            apps.add(new AppReport(note.app(), file, "application", 0, 0, note.message()));
        }
        return new ScanReport(report.target(), report.revision(), report.startedAt(), report.elapsedMillis(),
                apps, findings, report.rules(), report.skipped());
    }
}
