package dev.guardrails.scanner.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.config.GuardrailsConfig;
import dev.guardrails.scanner.engine.ScanOptions;
import dev.guardrails.scanner.model.ScanReport;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditRunnerTest {

    @TempDir
    Path tmp;

    private static AuditRunner.Options options(int parallelism, Duration timeout) {
        return new AuditRunner.Options(parallelism, timeout, Optional.empty(), Clock.systemUTC());
    }

    @Test
    void failuresAreRecordedAndTheOtherReposAreScanned() throws Exception {
        Path good = AuditFixtures.repo(tmp.resolve("good"), "shop", "mode: enforce\n");
        Path cloned = AuditFixtures.repo(tmp.resolve("cloned"), "billing", "mode: warn\n");
        AuditFixtures.commitAll(cloned);
        Path badConfig = AuditFixtures.repo(tmp.resolve("bad-config"), "shop", "mode: sometimes\n");
        List<AuditRepo> repos = List.of(
                new AuditRepo("good", good.toString(), null, "payments"),
                new AuditRepo("missing", tmp.resolve("nowhere/repo.git").toUri().toString(), "main", "payments"),
                new AuditRepo("bad-config", badConfig.toString(), null, "search"),
                new AuditRepo("cloned", cloned.toString(), "main", "billing"));
        List<String> progress = Collections.synchronizedList(new ArrayList<>());
        AuditRunner runner = AuditRunner.of(AuditFixtures.engine(), new ScanOptions(null, 1, Clock.systemUTC()),
                options(2, Duration.ofMinutes(2)));

        AuditReport report = runner.run(repos, null, (r, done, total) -> progress.add(done + "/" + total + " " + r.name()));

        assertThat(report.repos()).extracting(RepoResult::name).containsExactly("good", "missing", "bad-config", "cloned");
        RepoResult missing = report.repos().get(1);
        assertThat(missing.failed()).isTrue();
        assertThat(missing.failureStage()).isEqualTo("clone");
        assertThat(missing.failure()).contains("cannot clone");
        RepoResult badCfg = report.repos().get(2);
        assertThat(badCfg.failureStage()).isEqualTo("config");
        assertThat(badCfg.failure()).contains("sometimes");
        assertThat(report.repos().get(0).failed()).isFalse();
        assertThat(report.repos().get(3).failed()).isFalse();
        assertThat(report.repos().get(3).revision()).hasSize(40);

        assertThat(report.findings()).filteredOn(f -> f.rule().equals("privileged-container"))
                .extracting(AuditFinding::repo, AuditFinding::team, AuditFinding::namespace, AuditFinding::mode)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("good", "payments", "shop", "enforce"),
                        org.assertj.core.groups.Tuple.tuple("cloned", "billing", "billing", "warn"));
        assertThat(report.findings()).noneMatch(f -> f.repo().equals("missing") || f.repo().equals("bad-config"));
        assertThat(report.passed()).isFalse();
        assertThat(progress).hasSize(4).allMatch(p -> p.contains("/4 "));
        assertThat(progress).extracting(p -> p.substring(0, 3)).containsExactly("1/4", "2/4", "3/4", "4/4");
    }

    @Test
    void aCleanAuditPasses() throws Exception {
        Path repo = tmp.resolve("clean");
        java.nio.file.Files.createDirectories(repo.resolve("app"));
        java.nio.file.Files.writeString(repo.resolve("app/cm.yaml"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: x}\ndata: {a: b}\n");
        java.nio.file.Files.writeString(repo.resolve(".guardrails.yaml"), "mode: audit\n");
        AuditReport report = AuditRunner.of(AuditFixtures.engine(), new ScanOptions(null, 1, Clock.systemUTC()),
                options(1, null)).run(List.of(new AuditRepo(null, repo.toString(), null, null)), null, AuditProgress.NONE);
        assertThat(report.failedRepos()).isEmpty();
        assertThat(report.blocking()).isEmpty();
        assertThat(report.passed()).isTrue();
    }

    @Test
    void parallelismBoundsReposInFlight() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        CountDownLatch firstTwo = new CountDownLatch(2);
        AuditRunner.RepoScanner scanner = (root, target, revision, config) -> {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            firstTwo.countDown();
            try {
                // Hold until two repos are in flight at once, so a runner that ran one at a time would show max 1.
                firstTwo.await(30, TimeUnit.SECONDS);
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            return empty(target, revision);
        };
        List<AuditRepo> repos = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            repos.add(new AuditRepo("r" + i, tmp.toString(), null, null));
        }
        AuditReport report = new AuditRunner(Set.of(), scanner, options(2, null)).run(repos, null, AuditProgress.NONE);
        assertThat(report.failedRepos()).isEmpty();
        assertThat(maxInFlight.get()).isEqualTo(2);
    }

    @Test
    void aRepoPastItsTimeoutFailsWithoutStoppingTheOthers() {
        CountDownLatch never = new CountDownLatch(1);
        AuditRunner.RepoScanner scanner = (root, target, revision, config) -> {
            if (target.endsWith("slow")) {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return empty(target, revision);
        };
        java.io.File slow = tmp.resolve("slow").toFile();
        slow.mkdirs();
        List<AuditRepo> repos = List.of(new AuditRepo("slow", slow.toString(), null, null),
                new AuditRepo("fast", tmp.toString(), null, null));
        AuditReport report = new AuditRunner(Set.of(), scanner, options(1, Duration.ofMillis(300)))
                .run(repos, null, AuditProgress.NONE);
        assertThat(report.repos().get(0).failureStage()).isEqualTo("timeout");
        assertThat(report.repos().get(1).failed()).isFalse();
    }

    @Test
    void reportRecordsTheShard() {
        AuditRunner.RepoScanner scanner = (root, target, revision, config) -> empty(target, revision);
        Shard shard = Shard.parse("1/3");
        List<AuditRepo> all = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            all.add(new AuditRepo("r" + i, tmp.toString(), null, null));
        }
        AuditReport report = new AuditRunner(Set.of(), scanner, options(2, null)).run(shard.select(all), shard, AuditProgress.NONE);
        assertThat(report.repos()).extracting(RepoResult::name).containsExactly("r1", "r4");
        assertThat(report.shard()).isEqualTo("1/3");
    }

    private static ScanReport empty(String target, String revision) {
        return new ScanReport(target, revision, Instant.EPOCH, 0, List.of(), List.of(), List.of());
    }

    @SuppressWarnings("unused")
    private static GuardrailsConfig unused() {
        return GuardrailsConfig.defaults();
    }
}
