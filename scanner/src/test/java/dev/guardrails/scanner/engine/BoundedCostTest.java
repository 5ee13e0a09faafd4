package dev.guardrails.scanner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guardrails.scanner.config.GuardrailsConfig;
import dev.guardrails.scanner.discovery.AppDiscoverer;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.ScanReport;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.parse.ManifestParser;
import dev.guardrails.scanner.process.ProcessFailure;
import dev.guardrails.scanner.process.ProcessRunner;
import dev.guardrails.scanner.process.ProcessSpec;
import dev.guardrails.scanner.render.DirectoryOptions;
import dev.guardrails.scanner.render.DirectoryRenderer;
import dev.guardrails.scanner.render.HelmOptions;
import dev.guardrails.scanner.render.HelmRenderer;
import dev.guardrails.scanner.render.KustomizeOptions;
import dev.guardrails.scanner.render.RenderException;
import dev.guardrails.scanner.render.RenderLimits;
import dev.guardrails.scanner.render.RenderRequest;
import dev.guardrails.scanner.render.SourceType;
import dev.guardrails.scanner.render.ToolLocator;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import dev.guardrails.scanner.source.CheckoutLimits;
import dev.guardrails.scanner.source.GitCheckout;
import dev.guardrails.scanner.source.SourceException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded cost: each app has one deadline over render, parse and checks; helm and kustomize trees
 * have a memory cap; clones have a timeout and a checkout size cap; tokens never travel over plain
 * http:// nor appear in errors. Every case is a hostile input with its exact outcome.
 */
class BoundedCostTest {

    @TempDir
    Path tmp;

    private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin", "LC_ALL", "C");

    // --- memory cap on children ---

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void processOverItsMemoryCapIsKilledAndReported() {
        // `tail /dev/zero` buffers one endless "line" and grows until stopped.
        ProcessSpec spec = new ProcessSpec(List.of("tail", "/dev/zero"), null, ENV, Duration.ofSeconds(30),
                1024, 1024, 64L * 1024 * 1024);
        assertThatThrownBy(() -> new ProcessRunner().run(spec))
                .isInstanceOfSatisfying(ProcessFailure.class, f -> assertThat(f.kind()).isEqualTo(ProcessFailure.Kind.MEMORY_LIMIT))
                .hasMessageContaining("killed: memory over 64 MiB");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void memoryOfGrandchildrenCountsToo() {
        // The shell itself stays small; its child grows.
        ProcessSpec spec = new ProcessSpec(List.of("sh", "-c", "tail /dev/zero; echo survived"), null, ENV,
                Duration.ofSeconds(30), 1024, 1024, 64L * 1024 * 1024);
        assertThatThrownBy(() -> new ProcessRunner().run(spec))
                .isInstanceOfSatisfying(ProcessFailure.class, f -> assertThat(f.kind()).isEqualTo(ProcessFailure.Kind.MEMORY_LIMIT));
    }

    @Test
    void processUnderItsMemoryCapRunsNormally() throws Exception {
        ProcessSpec spec = new ProcessSpec(List.of("sh", "-c", "echo ok"), null, ENV, Duration.ofSeconds(10),
                1024, 1024, 64L * 1024 * 1024);
        assertThat(new ProcessRunner().run(spec).stdoutText()).isEqualTo("ok\n");
    }

    @Test
    void goChildrenGetASoftMemoryLimitBelowTheCap() throws Exception {
        ProcessSpec spec = new ProcessSpec(List.of("sh", "-c", "echo $GOMEMLIMIT"), null, ENV, Duration.ofSeconds(10),
                1024, 1024, 400L * 1024 * 1024);
        assertThat(new ProcessRunner().run(spec).stdoutText().strip()).isEqualTo((400L * 1024 * 1024 / 4 * 3) + "B");
    }

    @Test
    void helmRenderOverTheMemoryCapFailsWithAClearError() throws IOException {
        Path chart = tmp.resolve("chart");
        Files.createDirectories(chart.resolve("templates"));
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: big\nversion: 0.1.0\n");
        // A few bytes of template that make helm build a huge string in memory.
        Files.writeString(chart.resolve("templates/cm.yaml"), """
                {{- $s := "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" }}
                {{- range $i := until 22 }}{{- $s = print $s $s }}{{- end }}
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: x}
                data: {n: "{{ len $s }}"}
                """);
        HelmRenderer helm = new HelmRenderer(new ToolLocator(), new RenderLimits(Duration.ofSeconds(60),
                64L * 1024 * 1024, 96L * 1024 * 1024));
        RenderRequest request = new RenderRequest(tmp, "chart", SourceType.HELM, "big", "default",
                new HelmOptions("big", List.of(), null, List.of(), List.of(), false, false, false, false, null, List.of()),
                KustomizeOptions.defaults(), DirectoryOptions.defaults());
        assertThatThrownBy(() -> helm.render(request)).isInstanceOf(RenderException.class)
                .hasMessageContaining("killed: memory over 96 MiB");
    }

    // --- one deadline per app over render, parse and checks ---

    /** A rule that is slow on every object, like a costly CEL expression on many objects. */
    private static final class SlowRule implements Rule {
        @Override
        public RuleInfo info() {
            return RuleInfo.of("slow-rule", "Slow", Category.METADATA, Severity.LOW,
                    "A deliberately slow rule standing in for costly user rules.", "Nothing.");
        }

        @Override
        public List<Violation> check(ManifestObject object, RuleContext context) {
            try {
                Thread.sleep(400);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        }
    }

    private GuardrailsEngine engine(Rule rule) {
        return new GuardrailsEngine(List.of(rule), List.of(new DirectoryRenderer(), new HelmRenderer()),
                new ManifestParser(), new AppDiscoverer());
    }

    private Path manyObjects(int n) throws IOException {
        Path app = tmp.resolve("repo/apps/many");
        Files.createDirectories(app);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-").append(i).append("}\n---\n");
        }
        Files.writeString(app.resolve("all.yaml"), b.toString());
        return tmp.resolve("repo");
    }

    private static ScanOptions options(Duration app, Duration scan) {
        return new ScanOptions(null, 1, Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC), app, scan);
    }

    private static GuardrailsConfig enforce() {
        return GuardrailsConfig.defaults().withMode(Mode.ENFORCE);
    }

    @Test
    void checksPastTheAppDeadlineMakeTheAppFailedAndBlocking() throws IOException {
        Path repo = manyObjects(10);
        ScanReport report = engine(new SlowRule()).scan(repo, "repo", "", enforce(),
                options(Duration.ofSeconds(1), Duration.ZERO));
        assertThat(report.coverage().line()).isEqualTo("0 rendered, 0 skipped, 1 failed");
        assertThat(report.apps().get(0).error()).startsWith("not checked: its deadline passed while checking 10 objects");
        assertThat(report.blocking()).extracting(Finding::ruleId).containsExactly("app-timeout");
    }

    @Test
    void theScanDeadlineCoversAppsNotStartedInTime() throws IOException {
        Path repo = manyObjects(10);
        Files.createDirectories(repo.resolve("apps/second"));
        Files.writeString(repo.resolve("apps/second/cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: s}\n");
        ScanReport report = engine(new SlowRule()).scan(repo, "repo", "", enforce(),
                options(Duration.ZERO, Duration.ofSeconds(1)));
        assertThat(report.coverage().failed()).isNotEmpty();
        assertThat(report.blocking()).extracting(Finding::ruleId).contains("app-timeout");
    }

    @Test
    void withoutDeadlinesTheSameRepoIsChecked() throws IOException {
        Path repo = manyObjects(3);
        ScanReport report = engine(new SlowRule()).scan(repo, "repo", "", enforce(),
                options(Duration.ZERO, Duration.ZERO));
        assertThat(report.coverage().line()).isEqualTo("1 rendered, 0 skipped, 0 failed");
        assertThat(report.blocking()).isEmpty();
    }

    @Test
    void anInterruptedWorkerStopsBetweenObjects() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Deadline.none().check()).isInstanceOf(Deadline.Exceeded.class);
        } finally {
            Thread.interrupted();
        }
    }

    // --- clones: timeout, size, tokens ---

    private Path repoWith(Map<String, byte[]> files) throws Exception {
        Path dir = tmp.resolve("origin");
        Files.createDirectories(dir);
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                Path p = dir.resolve(e.getKey());
                Files.createDirectories(p.getParent());
                Files.write(p, e.getValue());
            }
            git.add().addFilepattern(".").call();
            git.commit().setMessage("init").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com")
                    .setSign(false).call();
        }
        return dir;
    }

    @Test
    void checkoutThatExpandsPastTheSizeCapIsRefusedBeforeWriting() throws Exception {
        // Highly compressible: tiny in the pack, 3 MiB on disk.
        Path origin = repoWith(Map.of("big/zeros.yaml", new byte[3 * 1024 * 1024], "ok.yaml", "a: b\n".getBytes()));
        CheckoutLimits limits = new CheckoutLimits(Duration.ofSeconds(60), 1024 * 1024, 1000);
        assertThatThrownBy(() -> GitCheckout.clone(origin.toUri().toString(), "main", Optional.empty(), limits))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("checks out to more than 1 MiB of files, over the checkout limit");
    }

    @Test
    void checkoutWithTooManyFilesIsRefused() throws Exception {
        Map<String, byte[]> files = new java.util.HashMap<>();
        for (int i = 0; i < 30; i++) {
            files.put("f/" + i + ".yaml", ("i: " + i + "\n").getBytes());
        }
        Path origin = repoWith(files);
        CheckoutLimits limits = new CheckoutLimits(Duration.ofSeconds(60), 1024 * 1024, 20);
        assertThatThrownBy(() -> GitCheckout.clone(origin.toUri().toString(), "main", Optional.empty(), limits))
                .isInstanceOf(SourceException.class).hasMessageContaining("has more than 20 files");
    }

    @Test
    void checkoutWithinTheCapsWorks() throws Exception {
        Path origin = repoWith(Map.of("apps/cm.yaml", "a: b\n".getBytes()));
        try (GitCheckout c = GitCheckout.clone(origin.toUri().toString(), "main", Optional.empty(),
                new CheckoutLimits(Duration.ofSeconds(60), 1024 * 1024, 10))) {
            assertThat(Files.readString(c.root().resolve("apps/cm.yaml"))).isEqualTo("a: b\n");
        }
    }

    @Test
    void tokenIsNeverSentOverPlainHttp() {
        String token = "ghp_s3cretTokenValue1234";
        assertThatThrownBy(() -> GitCheckout.clone("http://git.example.com/team/gitops.git", "main",
                Optional.of(token), CheckoutLimits.defaults()))
                .isInstanceOf(SourceException.class)
                .hasMessage("refusing to send a Git token over plain http:// to http://git.example.com/team/gitops.git:"
                        + " use an https:// URL (or unset the token variable named by --token-env)")
                .hasMessageNotContaining(token);
    }

    @Test
    void tokenInAUrlNeverAppearsInTheError() {
        String token = "glpat-s3cretTokenValue5678";
        assertThatThrownBy(() -> GitCheckout.clone("https://oauth2:" + token + "@127.0.0.1:1/team/gitops.git",
                "main", Optional.empty(), new CheckoutLimits(Duration.ofSeconds(10), 1024, 10)))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("cannot clone https://***@127.0.0.1:1/team/gitops.git")
                .hasMessageNotContaining(token)
                .hasNoCause();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void cloneFromAStallingServerTimesOut() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (!server.isClosed()) {
                        held.add(server.accept()); // accept, never answer
                    }
                } catch (IOException ignored) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            assertThatThrownBy(() -> GitCheckout.clone("https://127.0.0.1:" + server.getLocalPort() + "/r.git", "main",
                    Optional.of("tok-123456"), new CheckoutLimits(Duration.ofSeconds(2), 1024, 10)))
                    .isInstanceOf(SourceException.class)
                    .hasMessageStartingWith("cannot clone https://127.0.0.1:" + server.getLocalPort() + "/r.git: ")
                    .hasMessageNotContaining("tok-123456");
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
