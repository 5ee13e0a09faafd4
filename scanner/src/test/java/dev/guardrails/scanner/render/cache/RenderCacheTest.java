package dev.guardrails.scanner.render.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.render.DirectoryOptions;
import dev.guardrails.scanner.render.HelmOptions;
import dev.guardrails.scanner.render.KustomizeOptions;
import dev.guardrails.scanner.render.RenderOutput;
import dev.guardrails.scanner.render.RenderRequest;
import dev.guardrails.scanner.render.RenderedFile;
import dev.guardrails.scanner.render.SourceType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCacheTest {

    @TempDir
    Path tmp;

    private static String key(int n) {
        return String.format("%064x", n);
    }

    private static RenderOutput output(String content) {
        return new RenderOutput(List.of(new RenderedFile("a/b.yaml", content, true)), 3, "helm v4");
    }

    @Test
    void storesAndReadsOutput() {
        RenderCache cache = new RenderCache(tmp, RenderCache.DEFAULT_MAX_BYTES);
        assertThat(cache.get(key(1))).isEmpty();
        cache.put(key(1), output("kind: Pod\n\u00e9"));
        RenderOutput back = cache.get(key(1)).orElseThrow();
        assertThat(back.files()).isEqualTo(output("kind: Pod\n\u00e9").files());
        assertThat(back.toolVersion()).isEqualTo("helm v4");
    }

    @Test
    void garbageAndMismatchedEntriesAreMissesAndDeleted() throws Exception {
        RenderCache cache = new RenderCache(tmp, RenderCache.DEFAULT_MAX_BYTES);
        cache.put(key(1), output("x"));
        Files.writeString(cache.entry(key(1)), "not json");
        assertThat(cache.get(key(1))).isEmpty();
        assertThat(cache.entry(key(1))).doesNotExist();

        cache.put(key(2), output("y"));
        Files.copy(cache.entry(key(2)), cache.entry(key(3)).getParent().resolve(key(3) + ".json"));
        assertThat(cache.get(key(3))).as("an entry stored under another key").isEmpty();
    }

    @Test
    void evictsLeastRecentlyUsedBeyondTheBound() throws Exception {
        String big = "x".repeat(1000);
        RenderCache cache = new RenderCache(tmp, 2500);
        cache.put(key(1), output(big));
        cache.put(key(2), output(big));
        Files.setLastModifiedTime(cache.entry(key(1)), FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(cache.entry(key(2)), FileTime.fromMillis(2_000_000));
        assertThat(cache.get(key(1))).isPresent(); // a hit makes 1 the most recently used
        cache.put(key(3), output(big));
        assertThat(cache.entry(key(2))).doesNotExist();
        assertThat(cache.entry(key(1))).exists();
        assertThat(cache.entry(key(3))).exists();
        assertThat(cache.sizeBytes()).isLessThanOrEqualTo(2500);
    }

    @Test
    void keyCoversHelmValueFilesAndLocalDependencies() throws Exception {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve("charts/web/templates"));
        Files.createDirectories(repo.resolve("charts/lib"));
        Files.createDirectories(repo.resolve("envs"));
        Files.writeString(repo.resolve("charts/web/Chart.yaml"),
                "apiVersion: v2\nname: web\nversion: 1.0.0\ndependencies:\n  - name: lib\n    repository: file://../lib\n");
        Files.writeString(repo.resolve("charts/web/templates/d.yaml"), "kind: Deployment\n");
        Files.writeString(repo.resolve("charts/lib/Chart.yaml"), "apiVersion: v2\nname: lib\nversion: 1.0.0\n");
        Files.writeString(repo.resolve("envs/prod.yaml"), "replicas: 3\n");
        Files.writeString(repo.resolve("other.yaml"), "a: b\n");
        RenderRequest request = new RenderRequest(repo, "charts/web", SourceType.HELM, "web", "shop",
                HelmOptions.defaults().withValueFiles(List.of("/envs/prod.yaml")), KustomizeOptions.defaults(),
                DirectoryOptions.defaults());
        String before = RenderKey.of(request, "helm v4").orElseThrow();

        Files.writeString(repo.resolve("other.yaml"), "a: c\n");
        assertThat(RenderKey.of(request, "helm v4")).contains(before);
        Files.writeString(repo.resolve("envs/prod.yaml"), "replicas: 5\n");
        String afterValues = RenderKey.of(request, "helm v4").orElseThrow();
        assertThat(afterValues).isNotEqualTo(before);
        Files.writeString(repo.resolve("charts/lib/Chart.yaml"), "apiVersion: v2\nname: lib\nversion: 1.0.1\n");
        assertThat(RenderKey.of(request, "helm v4").orElseThrow()).isNotEqualTo(afterValues);
    }

    @Test
    void kustomizeWithRemoteBasesAllowedIsNotCached() throws Exception {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve("app"));
        Files.writeString(repo.resolve("app/kustomization.yaml"),
                "resources:\n  - https://github.com/org/repo//base?ref=v1\n");
        RenderRequest allowed = new RenderRequest(repo, "app", SourceType.KUSTOMIZE, "app", null, null,
                new KustomizeOptions(List.of(), true, false), null);
        RenderRequest refused = new RenderRequest(repo, "app", SourceType.KUSTOMIZE, "app", null, null,
                KustomizeOptions.defaults(), null);
        assertThat(RenderKey.of(allowed, "kubectl v1.34")).isEmpty();
        assertThat(RenderKey.of(refused, "kubectl v1.34")).isPresent();
    }
}
