package dev.guardrails.argocd.app;

import dev.guardrails.scanner.config.GuardrailsConfig;
import dev.guardrails.scanner.engine.AppResult;
import dev.guardrails.scanner.engine.AppTarget;
import dev.guardrails.scanner.engine.GuardrailsEngine;
import dev.guardrails.scanner.engine.ScanOptions;
import dev.guardrails.scanner.fix.FixRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The repo as {@code guardrails fix} sees it between edits: planned and rendered as a scan would,
 * from the files on disk at each call.
 *
 * <p>An app that renders from the checkout itself is planned once: its renderer reads the files
 * when it runs, so the plan stays true after an edit. An app Argo CD would render from an edited
 * copy (kustomize images, name prefixes...) is planned afresh for every render, since the copy is
 * made when planning; planning the whole repo per render would otherwise cost O(apps) per fix.
 */
public final class RepoRenderings implements FixRunner.Renderings {

    private final GuardrailsEngine engine;
    private final Path root;
    private final GuardrailsConfig policy;
    private final ScanOptions options;
    private final RepoScan.Apps apps;
    private final List<String> repoUrls;
    private final Consumer<String> notes;
    private final Map<String, AppTarget> inPlace = new HashMap<>();

    /**
     * @param root     the checkout being fixed (the user's, or a copy for a dry run or a review)
     * @param apps     which apps a scan would take (auto, argocd, directories)
     * @param repoUrls URLs that denote this repo
     * @param notes    receives the planning notes of the first plan (later plans are quiet)
     */
    public RepoRenderings(GuardrailsEngine engine, Path root, GuardrailsConfig policy, ScanOptions options,
                          RepoScan.Apps apps, List<String> repoUrls, Consumer<String> notes) {
        this.engine = engine;
        this.root = root.toAbsolutePath().normalize();
        this.policy = policy;
        this.options = options;
        this.apps = apps;
        this.repoUrls = List.copyOf(repoUrls);
        this.notes = notes;
    }

    @Override
    public List<AppTarget> plan() throws IOException {
        try (RepoScan.Targets t = new RepoScan(engine).targets(root, "", policy, options, apps, repoUrls, notes)) {
            inPlace.clear();
            for (AppTarget target : t.targets()) {
                if (rendersInPlace(target)) {
                    inPlace.put(target.name(), target);
                }
            }
            return List.copyOf(t.targets());
        }
    }

    @Override
    public AppResult evaluate(String appName) throws IOException {
        AppTarget known = inPlace.get(appName);
        if (known != null) {
            return engine.evaluate(known, policy, options);
        }
        try (RepoScan.Targets t = new RepoScan(engine).targets(root, "", policy, options, apps, repoUrls, line -> { })) {
            AppTarget app = t.targets().stream().filter(a -> a.name().equals(appName)).findFirst()
                    .orElseThrow(() -> new IOException("app " + appName + " is gone after the fix"));
            return engine.evaluate(app, policy, options);
        }
    }

    private boolean rendersInPlace(AppTarget target) {
        try {
            return java.nio.file.Files.isSameFile(target.request().repoRoot(), root);
        } catch (IOException e) {
            return false;
        }
    }

    /** Apps planned once, for tests: those that render from the checkout itself. */
    java.util.Set<String> plannedOnce() {
        return java.util.Set.copyOf(inPlace.keySet());
    }
}
