package dev.guardrails.plugin.audit;

import dev.guardrails.argocd.app.RepoScan;
import dev.guardrails.plugin.engine.Engines;
import dev.guardrails.scanner.audit.AuditHtml;
import dev.guardrails.scanner.audit.AuditJson;
import dev.guardrails.scanner.audit.AuditProgress;
import dev.guardrails.scanner.audit.AuditRepo;
import dev.guardrails.scanner.audit.AuditReport;
import dev.guardrails.scanner.audit.AuditRunner;
import dev.guardrails.scanner.audit.AuditTrend;
import dev.guardrails.scanner.audit.RepoResult;
import dev.guardrails.scanner.audit.ReposFile;
import dev.guardrails.scanner.audit.Shard;
import dev.guardrails.scanner.engine.GuardrailsEngine;
import dev.guardrails.scanner.engine.ScanOptions;
import dev.guardrails.scanner.render.cache.RenderCache;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code guardrails audit}: scan many GitOps repos and report across them (JSON, HTML, trend). */
@Command(name = "audit", description = {
        "Audit many GitOps repos: clone each at its ref, scan it with its own .guardrails.yaml, and report across all.",
        "Exit codes: 0 no blocking finding and every repo audited; 1 blocking findings or a repo that could not be"
                + " audited; 2 usage error."},
        mixinStandardHelpOptions = true)
public final class AuditCommand implements Callable<Integer> {

    private static final int CLEAN = 0;
    private static final int FAILED = 1;
    private static final int USAGE = 2;
    private static final int BAR_WIDTH = 30;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--repos", paramLabel = "FILE", description = "YAML repos file: repos: [{name, url | path, ref, team}].")
    Path reposFile;

    @Option(names = "--repo", paramLabel = "URL_OR_PATH[@REF]", description = "A repo to audit; repeatable.")
    List<String> repoSpecs = new ArrayList<>();

    @Option(names = "--merge", paramLabel = "FILE", description = "Merge audit JSON files (e.g. shards) instead of scanning; repeatable.")
    List<Path> mergeFiles = new ArrayList<>();

    @Option(names = "--json", paramLabel = "FILE", description = "Write the audit as JSON (schema-versioned).")
    Path json;

    @Option(names = "--html", paramLabel = "FILE", description = "Write a self-contained HTML report.")
    Path html;

    @Option(names = "--previous", paramLabel = "FILE", description = "A previous audit JSON to show the trend against.")
    Path previous;

    @Option(names = {"-j", "--parallelism"}, paramLabel = "N", description = "Repos audited at once. Default: ${DEFAULT-VALUE}.")
    int parallelism = 2;

    @Option(names = "--app-parallelism", paramLabel = "N", description = "Apps rendered at once within a repo. Default: CPUs / parallelism.")
    Integer appParallelism;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Per-repo limit for clone and scan. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds = 600;

    @Option(names = "--shard", paramLabel = "INDEX/COUNT", description = "Audit every COUNT-th repo starting at INDEX (0-based).")
    String shard;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Render cache directory. Default: ~/.cache/guardrails/render.")
    Path cacheDir;

    @Option(names = "--cache-max-mb", paramLabel = "MB", description = "Render cache size bound. Default: ${DEFAULT-VALUE}.")
    long cacheMaxMb = 1024;

    @Option(names = "--no-cache", description = "Render every app afresh; do not read or write the render cache.")
    boolean noCache;

    @Option(names = "--profile", paramLabel = "NAME", description = "Apply this environment profile to every app.")
    String profile;

    @Option(names = "--token-env", paramLabel = "VAR", description = "Environment variable holding an HTTPS Git token. Default: ${DEFAULT-VALUE}.")
    String tokenEnv = "GUARDRAILS_GIT_TOKEN";

    @Option(names = "--no-progress", description = "Print no progress on stderr.")
    boolean noProgress;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AuditReport report;
        AuditReport before;
        try {
            before = previous == null ? null : AuditJson.read(previous);
            if (!mergeFiles.isEmpty()) {
                if (reposFile != null || !repoSpecs.isEmpty() || shard != null) {
                    return usage(err, "--merge cannot be combined with --repos, --repo or --shard");
                }
                List<AuditReport> parts = new ArrayList<>();
                for (Path f : mergeFiles) {
                    parts.add(AuditJson.read(f));
                }
                report = AuditJson.merge(parts);
            } else {
                List<AuditRepo> repos = new ArrayList<>();
                if (reposFile != null) {
                    if (!Files.isRegularFile(reposFile)) {
                        return usage(err, "repos file " + reposFile + " not found");
                    }
                    repos.addAll(ReposFile.read(reposFile));
                }
                for (String s : repoSpecs) {
                    repos.add(AuditRepo.parse(s));
                }
                if (repos.isEmpty()) {
                    return usage(err, "give repos to audit: --repos FILE or --repo URL_OR_PATH[@REF] (or --merge FILE)");
                }
                repos = ReposFile.unique(repos);
                Shard slice = shard == null ? null : Shard.parse(shard);
                if (slice != null) {
                    repos = slice.select(repos);
                }
                if (parallelism < 1) {
                    return usage(err, "--parallelism must be at least 1");
                }
                report = audit(repos, slice, err);
            }
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        } catch (IOException e) {
            return usage(err, "cannot read " + e.getMessage());
        }
        try {
            AuditTrend trend = before == null ? null : AuditTrend.compare(report, before);
            if (json != null) {
                AuditJson.write(report, json);
            }
            if (html != null) {
                AuditHtml.write(report, trend, html);
            }
            summary(out, report, trend);
        } catch (IOException e) {
            err.println("guardrails: cannot write the report: " + e.getMessage());
            return USAGE;
        }
        return report.passed() ? CLEAN : FAILED;
    }

    private AuditReport audit(List<AuditRepo> repos, Shard slice, PrintWriter err) {
        GuardrailsEngine engine;
        RenderCache cache = null;
        if (noCache) {
            engine = Engines.create();
        } else {
            cache = new RenderCache(cacheDir != null ? cacheDir : RenderCache.defaultDir(), cacheMaxMb * 1024 * 1024);
            engine = Engines.create(cache);
        }
        int perRepo = appParallelism != null ? appParallelism
                : Math.max(1, Runtime.getRuntime().availableProcessors() / parallelism);
        // Each repo is scanned as its deployer sees it: through its Argo CD Applications when they
        // point at it, else by directory layout (as `guardrails scan` does).
        ScanOptions scanOptions = new ScanOptions(profile, perRepo, Clock.systemUTC());
        RepoScan repoScan = new RepoScan(engine);
        Set<String> ruleIds = Engines.ruleIds(engine);
        AuditRunner runner = new AuditRunner(ruleIds, (root, target, revision, config) ->
                repoScan.scan(root, target, revision, config, scanOptions, RepoScan.Apps.AUTO, List.of(), note -> { }),
                new AuditRunner.Options(parallelism, Duration.ofSeconds(timeoutSeconds),
                        Optional.ofNullable(System.getenv(tokenEnv)), Clock.systemUTC()));
        AuditReport report = runner.run(repos, slice, progress(err));
        if (cache != null && !noProgress) {
            err.println("guardrails: render cache " + cache.dir() + ": " + cache.hits() + " hits, " + cache.misses() + " misses");
        }
        return report;
    }

    /** A bar redrawn in place on a terminal; one line per repo otherwise (CI logs). */
    private AuditProgress progress(PrintWriter err) {
        if (noProgress) {
            return AuditProgress.NONE;
        }
        boolean tty = System.console() != null;
        return (result, done, total) -> {
            String state = result.failed() ? "FAILED (" + result.failureStage() + ")" : "scanned";
            if (tty) {
                int filled = total == 0 ? BAR_WIDTH : done * BAR_WIDTH / total;
                err.print("\r[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] " + done + "/" + total
                        + " " + result.name() + " " + state + "\u001b[K");
                if (done == total) {
                    err.println();
                }
            } else {
                err.println("audit: [" + done + "/" + total + "] " + result.name() + " " + state);
            }
            err.flush();
        };
    }

    private static void summary(PrintWriter out, AuditReport report, AuditTrend trend) {
        for (RepoResult r : report.failedRepos()) {
            out.println("FAILED " + r.name() + " (" + r.failureStage() + "): " + r.failure());
        }
        out.println("Audited " + report.repos().size() + " repos (" + report.failedRepos().size() + " failed): "
                + report.active().size() + " active findings, " + report.blocking().size() + " blocking, "
                + (report.findings().size() - report.active().size()) + " exempted.");
        if (trend != null) {
            out.println("Since " + trend.previousGeneratedAt() + ": " + (trend.totalDelta() >= 0 ? "+" : "")
                    + trend.totalDelta() + " (" + trend.added().size() + " new, " + trend.fixed().size() + " fixed).");
        }
        out.flush();
    }

    private static int usage(PrintWriter err, String message) {
        err.println("guardrails audit: " + message);
        err.flush();
        return USAGE;
    }
}
