package dev.guardrails.scanner.render.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.render.DirectoryOptions;
import dev.guardrails.scanner.render.HelmOptions;
import dev.guardrails.scanner.render.KustomizeOptions;
import dev.guardrails.scanner.render.RenderException;
import dev.guardrails.scanner.render.RenderOutput;
import dev.guardrails.scanner.render.RenderRequest;
import dev.guardrails.scanner.render.RenderedFile;
import dev.guardrails.scanner.render.Renderer;
import dev.guardrails.scanner.render.SourceType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachingRendererTest {

    @TempDir
    Path tmp;

    private Path repo;
    private RenderCache cache;
    private final AtomicInteger renders = new AtomicInteger();
    private final AtomicReference<String> version = new AtomicReference<>("tool v1");

    /** Counts renders and echoes every input file it was asked about, so stale output is visible. */
    private final Renderer counting = new Renderer() {
        @Override
        public SourceType type() {
            return SourceType.KUSTOMIZE;
        }

        @Override
        public RenderOutput render(RenderRequest request) throws RenderException {
            int n = renders.incrementAndGet();
            try {
                String base = Files.readString(request.repoRoot().resolve("base/deploy.yaml"));
                return new RenderOutput(List.of(new RenderedFile(request.appPath() + "/kustomization.yaml",
                        base + "# render " + n + " ns=" + request.namespace(), false)), 5, version.get());
            } catch (java.io.IOException e) {
                throw new RenderException("cannot read: " + e.getMessage(), e);
            }
        }
    };

    @BeforeEach
    void repo() throws Exception {
        repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve("base"));
        Files.createDirectories(repo.resolve("overlays/prod"));
        Files.writeString(repo.resolve("base/deploy.yaml"), "kind: Deployment\nmetadata: {name: web}\n");
        Files.writeString(repo.resolve("base/kustomization.yaml"), "resources: [deploy.yaml]\n");
        Files.writeString(repo.resolve("overlays/prod/kustomization.yaml"), "resources: [../../base]\nnamePrefix: prod-\n");
        Files.createDirectories(repo.resolve("unrelated"));
        Files.writeString(repo.resolve("unrelated/x.yaml"), "kind: ConfigMap\n");
        cache = new RenderCache(tmp.resolve("cache"), RenderCache.DEFAULT_MAX_BYTES);
    }

    private CachingRenderer renderer() {
        return new CachingRenderer(counting, cache, r -> version.get());
    }

    private RenderRequest request(Path root, String namespace) {
        return new RenderRequest(root, "overlays/prod", SourceType.KUSTOMIZE, "prod", namespace, HelmOptions.defaults(),
                KustomizeOptions.defaults(), DirectoryOptions.defaults());
    }

    @Test
    void secondRenderIsAHitWithTheSameOutput() throws Exception {
        RenderOutput first = renderer().render(request(repo, "shop"));
        RenderOutput second = renderer().render(request(repo, "shop"));
        assertThat(renders).hasValue(1);
        assertThat(second.files()).isEqualTo(first.files());
        assertThat(second.toolVersion()).isEqualTo("tool v1");
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(1);
    }

    @Test
    void aCopyOfTheRepoElsewhereHits() throws Exception {
        renderer().render(request(repo, "shop"));
        Path copy = tmp.resolve("clone");
        try (var walk = Files.walk(repo)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path dest = copy.resolve(repo.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
        renderer().render(request(copy, "shop"));
        assertThat(renders).hasValue(1);
    }

    @Test
    void changingAFileInTheKustomizationGraphInvalidates() throws Exception {
        renderer().render(request(repo, "shop"));
        Files.writeString(repo.resolve("unrelated/x.yaml"), "kind: Secret\n"); // not referenced: still a hit
        renderer().render(request(repo, "shop"));
        assertThat(renders).hasValue(1);

        Files.writeString(repo.resolve("base/deploy.yaml"), "kind: Deployment\nmetadata: {name: api}\n");
        RenderOutput after = renderer().render(request(repo, "shop"));
        assertThat(renders).hasValue(2);
        assertThat(after.files().get(0).content()).contains("name: api");
    }

    @Test
    void changingOptionsInvalidates() throws Exception {
        renderer().render(request(repo, "shop"));
        RenderOutput other = renderer().render(request(repo, "billing"));
        assertThat(renders).hasValue(2);
        assertThat(other.files().get(0).content()).contains("ns=billing");
    }

    @Test
    void changingTheToolVersionInvalidates() throws Exception {
        renderer().render(request(repo, "shop"));
        version.set("tool v2");
        RenderOutput upgraded = renderer().render(request(repo, "shop"));
        assertThat(renders).hasValue(2);
        assertThat(upgraded.toolVersion()).isEqualTo("tool v2");
    }

    @Test
    void unknownToolVersionIsNeverCached() throws Exception {
        version.set("kubectl unknown");
        renderer().render(request(repo, "shop"));
        renderer().render(request(repo, "shop"));
        assertThat(renders).hasValue(2);
        assertThat(cache.writes()).isZero();
    }

    /** A tool that fails with {@code kind}, counting its runs. */
    private CachingRenderer failing(dev.guardrails.scanner.process.ProcessFailure.Kind kind, int exit) {
        Renderer tool = new Renderer() {
            @Override
            public SourceType type() {
                return SourceType.KUSTOMIZE;
            }

            @Override
            public RenderOutput render(RenderRequest request) throws RenderException {
                renders.incrementAndGet();
                if (Files.exists(request.repoRoot().resolve("base/fixed"))) {
                    return new RenderOutput(List.of(), 1, version.get());
                }
                var failure = new dev.guardrails.scanner.process.ProcessFailure(List.of("kustomize", "build"), kind, exit,
                        "exit status " + exit, "Error: accumulating resources: missing.yaml");
                throw new RenderException("prod: " + failure.getMessage(), failure);
            }
        };
        return new CachingRenderer(tool, cache, r -> version.get());
    }

    @Test
    void aToolThatRefusesTheInputIsCachedUntilAnInputChanges() throws Exception {
        CachingRenderer renderer = failing(dev.guardrails.scanner.process.ProcessFailure.Kind.EXIT, 1);
        String first = null;
        for (int i = 0; i < 3; i++) {
            try {
                renderer.render(request(repo, "shop"));
            } catch (RenderException e) {
                first = first == null ? e.getMessage() : first;
                assertThat(e.getMessage()).isEqualTo(first).contains("accumulating resources");
            }
        }
        assertThat(renders).as("one tool run; the other two answered from the cache").hasValue(1);

        Files.writeString(repo.resolve("base/fixed"), "");
        Files.writeString(repo.resolve("base/deploy.yaml"), "kind: Deployment\nmetadata: {name: web2}\n");
        assertThat(renderer.render(request(repo, "shop")).files()).isEmpty();
        assertThat(renders).hasValue(2);
    }

    @Test
    void timeoutsAndKilledToolsAreRetried() throws Exception {
        for (var failing : List.of(failing(dev.guardrails.scanner.process.ProcessFailure.Kind.TIMEOUT, -1),
                failing(dev.guardrails.scanner.process.ProcessFailure.Kind.OUTPUT_LIMIT, -1),
                failing(dev.guardrails.scanner.process.ProcessFailure.Kind.EXIT, 137))) {
            for (int i = 0; i < 2; i++) {
                try {
                    failing.render(request(repo, "shop"));
                } catch (RenderException expected) {
                    // retried every time
                }
            }
        }
        assertThat(renders).hasValue(6);
        assertThat(cache.writes()).isZero();
    }

    @Test
    void failuresOutsideTheToolAreNotCached() throws Exception {
        Files.delete(repo.resolve("base/deploy.yaml"));
        for (int i = 0; i < 2; i++) {
            try {
                renderer().render(request(repo, "shop"));
            } catch (RenderException expected) {
                // the delegate's failure propagates
            }
        }
        assertThat(renders).hasValue(2);
        assertThat(cache.writes()).isZero();
    }

    @Test
    void corruptEntryIsAMissAndIsReplaced() throws Exception {
        renderer().render(request(repo, "shop"));
        String key = RenderKey.of(request(repo, "shop"), "tool v1").orElseThrow();
        Files.writeString(cache.entry(key), "{\"format\":1,\"key\":\"" + key + "\",\"files\":[{\"path\":");
        RenderOutput again = renderer().render(request(repo, "shop"));
        assertThat(renders).hasValue(2);
        assertThat(again.files()).hasSize(1);
        assertThat(cache.get(key)).isPresent(); // rewritten whole
    }

    @Test
    void concurrentRendersOfManyAppsAgree() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<RenderOutput>> futures = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String ns = "ns-" + (i % 4);
                futures.add(pool.submit(() -> renderer().render(request(repo, ns))));
            }
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get().files().get(0).content()).endsWith(" ns=ns-" + (i % 4));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(cache.hits() + cache.misses()).isEqualTo(64);
        assertThat(renders.get()).isEqualTo((int) cache.misses()).isGreaterThanOrEqualTo(4);
        try (var files = Files.walk(cache.dir())) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith(".tmp-"))).isEmpty();
        }
        renderer().render(request(repo, "ns-0"));
        assertThat(renders.get()).isEqualTo((int) cache.misses()); // a hit now
    }
}
