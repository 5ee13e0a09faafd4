package dev.guardrails.scanner.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryRendererTest {

    private static final String CM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %s\n";

    @TempDir
    Path tmp;

    private Path repo;
    private final DirectoryRenderer renderer = new DirectoryRenderer();

    @BeforeEach
    void layout() throws Exception {
        repo = Files.createDirectories(tmp.resolve("repo"));
        write("app/b.yaml", CM.formatted("b"));
        write("app/a.yml", CM.formatted("a"));
        write("app/c.json", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"}}\n");
        write("app/README.md", "not a manifest\n");
        write("app/main.jsonnet", "{}\n");
        write("app/skipped.yaml", "# +argocd:skip-file-rendering\n" + CM.formatted("skipped"));
        write("app/sub/nested.yaml", CM.formatted("nested"));
        write("app/sub/deep/deeper.yaml", CM.formatted("deeper"));
        write("app/sub/test-data.yaml", CM.formatted("test-data"));
    }

    private void write(String path, String content) throws Exception {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private RenderOutput render(String path, DirectoryOptions options) throws RenderException {
        return renderer.render(new RenderRequest(repo, path, SourceType.DIRECTORY, path, null, null, null, options));
    }

    @Test
    void readsTopLevelManifestFilesSortedWithExactLines() throws Exception {
        RenderOutput output = render("app", DirectoryOptions.defaults());

        assertThat(output.files()).extracting(RenderedFile::path)
                .containsExactly("app/a.yml", "app/b.yaml", "app/c.json");
        assertThat(output.files()).allSatisfy(f -> {
            assertThat(f.exactLines()).isTrue();
            assertThat(f.content()).isEqualTo(Files.readString(repo.resolve(f.path())));
        });
    }

    @Test
    void recurseWalksSubdirectories() throws Exception {
        RenderOutput output = render("app", new DirectoryOptions(true, null, null));

        assertThat(output.files()).extracting(RenderedFile::path).containsExactly(
                "app/a.yml", "app/b.yaml", "app/c.json", "app/sub/deep/deeper.yaml", "app/sub/nested.yaml",
                "app/sub/test-data.yaml");
    }

    @Test
    void includeAndExcludeMatchThePathRelativeToTheAppWithExcludeFirst() throws Exception {
        assertThat(render("app", new DirectoryOptions(true, "*.yaml", null)).files()).extracting(RenderedFile::path)
                .containsExactly("app/b.yaml", "app/sub/deep/deeper.yaml", "app/sub/nested.yaml",
                        "app/sub/test-data.yaml");
        assertThat(render("app", new DirectoryOptions(true, "{*.yml,*.json}", null)).files())
                .extracting(RenderedFile::path).containsExactly("app/a.yml", "app/c.json");
        assertThat(render("app", new DirectoryOptions(true, "sub/*", "*test-*")).files())
                .extracting(RenderedFile::path).containsExactly("app/sub/deep/deeper.yaml", "app/sub/nested.yaml");
        assertThat(render("app", new DirectoryOptions(true, "sub/nested.yaml", "sub/*")).files()).isEmpty();
    }

    @Test
    void rootAppUsesRepoRelativePaths() throws Exception {
        write("top.yaml", CM.formatted("top"));

        assertThat(render(".", DirectoryOptions.defaults()).files()).extracting(RenderedFile::path)
                .containsExactly("top.yaml");
    }

    @Test
    void symlinkInsideTheRepoIsReadAndOneLeadingOutFails() throws Exception {
        Files.createSymbolicLink(repo.resolve("app/linked.yaml"), repo.resolve("app/sub/nested.yaml"));
        assertThat(render("app", DirectoryOptions.defaults()).files()).extracting(RenderedFile::path)
                .contains("app/linked.yaml");

        Path outside = Files.writeString(tmp.resolve("secret.yaml"), CM.formatted("secret"));
        Files.createSymbolicLink(repo.resolve("app/sub/evil.yaml"), outside);
        assertThatThrownBy(() -> render("app", new DirectoryOptions(true, null, null)))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("symlink 'app/sub/evil.yaml' points outside the repository");
    }

    @Test
    void symlinkedDirectoryLeadingOutFails() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.createSymbolicLink(repo.resolve("app/elsewhere"), outside);

        assertThatThrownBy(() -> render("app", DirectoryOptions.defaults()))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("app/elsewhere");
    }

    @Test
    void fileOverTheSizeCapFails() throws Exception {
        DirectoryRenderer small = new DirectoryRenderer(RenderLimits.defaults(), 40);

        assertThatThrownBy(() -> small.render(new RenderRequest(repo, "app", SourceType.DIRECTORY, "app", null, null,
                null, DirectoryOptions.defaults())))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("app/a.yml")
                .hasMessageContaining("over the 40-byte limit");
    }

    @Test
    void missingOrEscapingAppDirFails() {
        assertThatThrownBy(() -> render("nope", DirectoryOptions.defaults()))
                .hasMessageContaining("directory 'nope' does not exist");
        assertThatThrownBy(() -> render("../", DirectoryOptions.defaults()))
                .hasMessageContaining("outside the repository");
    }
}
