package dev.guardrails.scanner.audit;

import dev.guardrails.scanner.discovery.AppDiscoverer;
import dev.guardrails.scanner.engine.GuardrailsEngine;
import dev.guardrails.scanner.engine.ScanOptions;
import dev.guardrails.scanner.parse.ManifestParser;
import dev.guardrails.scanner.process.ProcessRunner;
import dev.guardrails.scanner.render.DirectoryRenderer;
import dev.guardrails.scanner.render.HelmRenderer;
import dev.guardrails.scanner.render.KustomizeRenderer;
import dev.guardrails.scanner.render.ToolLocator;
import dev.guardrails.scanner.render.cache.CachingRenderer;
import dev.guardrails.scanner.render.cache.RenderCache;
import dev.guardrails.scanner.render.cache.ToolVersions;
import dev.guardrails.scanner.rules.BuiltinRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Benchmark, not a test: generates repos of plain, Kustomize and Helm apps, audits them twice with
 * one fresh render cache, and reports the second run's wall time as a ratio of the first. Run with
 * {@code bench/audit/run.sh [repos] [appsPerRepo]}.
 */
public final class AuditCacheBenchmark {

    public static void main(String[] args) throws Exception {
        int repos = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int apps = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        Path work = Files.createTempDirectory("guardrails-audit-bench-");
        List<AuditRepo> list = new ArrayList<>();
        for (int r = 0; r < repos; r++) {
            Path repo = work.resolve("repo-" + r);
            BenchRepos.generate(repo, apps, r);
            list.add(new AuditRepo("repo-" + r, repo.toString(), null, "team-" + (r % 3)));
        }
        Path cacheDir = work.resolve("cache");
        long[] ms = new long[2];
        int findings = 0;
        for (int run = 0; run < 2; run++) {
            RenderCache cache = new RenderCache(cacheDir, RenderCache.DEFAULT_MAX_BYTES);
            ToolLocator tools = new ToolLocator();
            GuardrailsEngine engine = new GuardrailsEngine(BuiltinRules.all(), CachingRenderer.wrapAll(
                    List.of(new HelmRenderer(), new KustomizeRenderer(), new DirectoryRenderer()), cache,
                    new ToolVersions(tools, new ProcessRunner())), new ManifestParser(), new AppDiscoverer());
            AuditRunner runner = AuditRunner.of(engine, new ScanOptions(null, 1, Clock.systemUTC()),
                    new AuditRunner.Options(2, Duration.ofMinutes(10), Optional.empty(), Clock.systemUTC()));
            long t0 = System.nanoTime();
            AuditReport report = runner.run(list, null, AuditProgress.NONE);
            ms[run] = (System.nanoTime() - t0) / 1_000_000;
            findings = report.findings().size();
            long failedRenders = report.findings().stream().filter(f -> f.rule().equals("render-failed")).count();
            if (!report.failedRepos().isEmpty()) {
                throw new IllegalStateException("bench repos failed: " + report.failedRepos());
            }
            System.out.printf("run %d: %,d ms, cache %d hits / %d misses, %d findings (%d failed renders)%n",
                    run + 1, ms[run], cache.hits(), cache.misses(), findings, failedRenders);
        }
        // Control: a warm JVM without the cache, so the ratio is not mistaken for JIT warm-up.
        GuardrailsEngine plain = new GuardrailsEngine(BuiltinRules.all(),
                List.of(new HelmRenderer(), new KustomizeRenderer(), new DirectoryRenderer()),
                new ManifestParser(), new AppDiscoverer());
        long t0 = System.nanoTime();
        AuditRunner.of(plain, new ScanOptions(null, 1, Clock.systemUTC()),
                new AuditRunner.Options(2, Duration.ofMinutes(10), Optional.empty(), Clock.systemUTC()))
                .run(list, null, AuditProgress.NONE);
        long warmUncached = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("control: warm JVM, no cache: %,d ms (ratio to run 1 %.3f)%n", warmUncached,
                (double) warmUncached / ms[0]);
        double ratio = (double) ms[1] / ms[0];
        System.out.printf("repos=%d apps/repo=%d findings=%d first=%d ms second=%d ms ratio=%.3f (target <= 0.20)%n",
                repos, apps, findings, ms[0], ms[1], ratio);
    }
}
