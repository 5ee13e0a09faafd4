package dev.guardrails.argocd.app;

import dev.guardrails.scanner.config.GuardrailsConfig;
import dev.guardrails.scanner.engine.AppResult;
import dev.guardrails.scanner.engine.AppTarget;
import dev.guardrails.scanner.engine.GuardrailsEngine;
import dev.guardrails.scanner.engine.ScanOptions;
import dev.guardrails.scanner.fix.FixRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The repo as {@code guardrails fix} sees it between edits: planned and rendered as a scan would,
 * from the files on disk at each call.
 *
 * @param root     the checkout being fixed (the user's, or a copy for a dry run or a review)
 * @param apps     which apps a scan would take (auto, argocd, directories)
 * @param repoUrls URLs that denote this repo
 * @param notes    receives the planning notes of the first plan (later plans are quiet)
 */
public record RepoRenderings(GuardrailsEngine engine, Path root, GuardrailsConfig policy, ScanOptions options,
                             RepoScan.Apps apps, List<String> repoUrls, Consumer<String> notes) implements FixRunner.Renderings {

    public RepoRenderings {
        repoUrls = List.copyOf(repoUrls);
    }

    @Override
    public List<AppTarget> plan() throws IOException {
        try (RepoScan.Targets t = new RepoScan(engine).targets(root, "", policy, options, apps, repoUrls, notes)) {
            return List.copyOf(t.targets());
        }
    }

    @Override
    public AppResult evaluate(String appName) throws IOException {
        // Planned afresh: Argo CD kustomize edits render on a copy made at planning time.
        try (RepoScan.Targets t = new RepoScan(engine).targets(root, "", policy, options, apps, repoUrls, line -> { })) {
            AppTarget app = t.targets().stream().filter(a -> a.name().equals(appName)).findFirst()
                    .orElseThrow(() -> new IOException("app " + appName + " is gone after the fix"));
            return engine.evaluate(app, policy, options);
        }
    }
}
