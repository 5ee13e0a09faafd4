package dev.guardrails.scanner.audit;

import dev.guardrails.scanner.config.ConfigException;
import dev.guardrails.scanner.config.ConfigLoader;
import dev.guardrails.scanner.config.GuardrailsConfig;
import dev.guardrails.scanner.engine.GuardrailsEngine;
import dev.guardrails.scanner.engine.ScanOptions;
import dev.guardrails.scanner.model.AppReport;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.ScanReport;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.source.GitCheckout;
import dev.guardrails.scanner.source.SourceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Audits many repos: each is cloned at its ref (or scanned in place when it is a local directory
 * without a ref), scanned with its own {@code .guardrails.yaml}, and recorded. At most
 * {@code parallelism} repos are worked on at once. A repo that cannot be cloned, has a broken
 * policy file, or runs past its timeout is recorded as failed with the reason; the others go on.
 */
public final class AuditRunner {

    /** Scans one checked-out repo; the engine in production, a fake in tests. */
    @FunctionalInterface
    public interface RepoScanner {
        ScanReport scan(Path root, String target, String revision, GuardrailsConfig config) throws IOException;
    }

    /**
     * How to run an audit.
     *
     * @param parallelism repos worked on at once
     * @param timeout     per-repo limit (clone and scan); null or zero for none
     * @param token       HTTPS Git token for clones, never logged
     * @param clock       for the report's timestamp
     */
    public record Options(int parallelism, Duration timeout, Optional<String> token, Clock clock) {

        public Options {
            parallelism = Math.max(1, parallelism);
            timeout = timeout == null || timeout.isZero() || timeout.isNegative() ? null : timeout;
            token = token == null ? Optional.empty() : token;
            clock = clock == null ? Clock.systemUTC() : clock;
        }

        /** Two repos at once, ten minutes each, no token. */
        public static Options defaults() {
            return new Options(2, Duration.ofMinutes(10), Optional.empty(), Clock.systemUTC());
        }
    }

    private final ConfigLoader loader;
    private final RepoScanner scanner;
    private final Options options;

    /**
     * @param ruleIds rule ids a repo's policy file may name
     * @param scanner scans one repo
     * @param options parallelism, timeout, token
     */
    public AuditRunner(Set<String> ruleIds, RepoScanner scanner, Options options) {
        this.loader = new ConfigLoader(ruleIds);
        this.scanner = Objects.requireNonNull(scanner, "scanner");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** A runner over the real engine; {@code scanOptions} applies within each repo. */
    public static AuditRunner of(GuardrailsEngine engine, ScanOptions scanOptions, Options options) {
        Set<String> ids = engine.ruleInfos().stream().map(RuleInfo::id).collect(Collectors.toUnmodifiableSet());
        return new AuditRunner(ids, (root, target, revision, config) ->
                engine.scan(root, target, revision, config, scanOptions), options);
    }

    /** Audits every repo; {@code shard} (nullable) is recorded in the report. */
    public AuditReport run(List<AuditRepo> repos, Shard shard, AuditProgress progress) {
        Instant started = options.clock().instant();
        long t0 = System.nanoTime();
        int total = repos.size();
        RepoOutcome[] outcomes = new RepoOutcome[total];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Object progressLock = new Object();
        ExecutorService workers = Executors.newCachedThreadPool(daemon("guardrails-audit-repo"));
        ExecutorService lanes = Executors.newFixedThreadPool(Math.max(1, Math.min(options.parallelism(), total)),
                daemon("guardrails-audit-lane"));
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int lane = 0; lane < Math.min(options.parallelism(), total); lane++) {
                running.add(lanes.submit(() -> {
                    for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        RepoOutcome outcome = runOne(repos.get(i), workers);
                        outcomes[i] = outcome;
                        synchronized (progressLock) {
                            progress.repoDone(outcome.result(), done.incrementAndGet(), total);
                        }
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("audit interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("audit failed: " + e.getCause(), e.getCause());
        } finally {
            lanes.shutdownNow();
            workers.shutdownNow();
        }
        List<RepoResult> results = new ArrayList<>();
        List<AuditFinding> findings = new ArrayList<>();
        for (RepoOutcome o : outcomes) {
            results.add(o.result());
            findings.addAll(o.findings());
        }
        long elapsed = (System.nanoTime() - t0) / 1_000_000;
        return AuditReport.of(started, elapsed, shard, results, findings);
    }

    private record RepoOutcome(RepoResult result, List<AuditFinding> findings) {
    }

    /** Runs one repo on a worker so a timeout can abandon it; never throws. */
    private RepoOutcome runOne(AuditRepo repo, ExecutorService workers) {
        long t0 = System.nanoTime();
        if (options.timeout() == null) {
            return audit(repo, t0);
        }
        Future<RepoOutcome> future = workers.submit(() -> audit(repo, t0));
        try {
            return future.get(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return failed(repo, "timeout", "timed out after " + options.timeout().toSeconds() + "s", t0);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return failed(repo, "scan", "interrupted", t0);
        } catch (ExecutionException e) {
            return failed(repo, "scan", "internal error: " + e.getCause(), t0);
        }
    }

    private RepoOutcome audit(AuditRepo repo, long t0) {
        try {
            if (repo.needsClone()) {
                try (GitCheckout checkout = GitCheckout.clone(repo.location(), repo.ref(), options.token())) {
                    return scan(repo, checkout.root(), checkout.commit(), t0);
                }
            }
            Path root = Path.of(repo.location()).toAbsolutePath().normalize();
            if (!Files.isDirectory(root)) {
                return failed(repo, "clone", repo.shownLocation() + " is not a directory or a Git URL", t0);
            }
            return scan(repo, root, GitCheckout.headOf(root).orElse(""), t0);
        } catch (SourceException e) {
            return failed(repo, "clone", e.getMessage(), t0);
        } catch (ConfigException e) {
            return failed(repo, "config", e.getMessage(), t0);
        } catch (IOException | RuntimeException e) {
            return failed(repo, "scan", GitCheckout.redact(String.valueOf(e)), t0);
        }
    }

    private RepoOutcome scan(AuditRepo repo, Path root, String revision, long t0) throws ConfigException, IOException {
        GuardrailsConfig config = loader.loadFromRepo(root);
        ScanReport report = scanner.scan(root, repo.shownLocation(), revision, config);
        List<RepoResult.App> apps = new ArrayList<>();
        for (AppReport a : report.apps()) {
            apps.add(new RepoResult.App(a.name(), a.path(), a.type(), a.objectCount(), a.renderMillis(), a.error()));
        }
        List<AuditFinding> findings = new ArrayList<>();
        for (Finding f : report.findings()) {
            findings.add(AuditFinding.of(repo.name(), repo.team(), f));
        }
        long elapsed = (System.nanoTime() - t0) / 1_000_000;
        List<RepoResult.Skipped> skipped = report.skipped().stream()
                .map(k -> new RepoResult.Skipped(k.app(), k.location(), k.reason(), k.message())).toList();
        RepoResult result = new RepoResult(repo.name(), repo.shownLocation(), repo.ref(), repo.team(),
                report.revision(), RepoResult.Status.SCANNED, null, null, elapsed, apps, skipped);
        return new RepoOutcome(result, findings);
    }

    private static RepoOutcome failed(AuditRepo repo, String stage, String reason, long t0) {
        long elapsed = (System.nanoTime() - t0) / 1_000_000;
        return new RepoOutcome(RepoResult.failed(repo, stage, reason, elapsed), List.of());
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
