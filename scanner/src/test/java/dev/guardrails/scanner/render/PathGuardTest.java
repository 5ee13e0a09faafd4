package dev.guardrails.scanner.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathGuardTest {

    @TempDir
    Path tmp;

    private Path repo;
    private PathGuard guard;

    @BeforeEach
    void setUp() throws Exception {
        repo = Files.createDirectories(tmp.resolve("repo"));
        Files.createDirectories(repo.resolve("apps/web"));
        guard = new PathGuard(repo);
    }

    @Test
    void relativeAndRootAbsolutePathsInsideThRepoPass() throws Exception {
        Path web = repo.resolve("apps/web").toRealPath();

        assertThat(guard.resolve(web, "values.yaml", "value file")).isEqualTo(web.resolve("values.yaml"));
        assertThat(guard.resolve(web, "../../shared/x.yaml", "value file"))
                .isEqualTo(guard.root().resolve("shared/x.yaml"));
        assertThat(guard.resolve(web, "/shared/x.yaml", "value file")).isEqualTo(guard.root().resolve("shared/x.yaml"));
        assertThat(guard.resolveInRepo(".", "app path")).isEqualTo(guard.root());
        assertThat(guard.relative(guard.root())).isEqualTo(".");
        assertThat(guard.relative(web)).isEqualTo("apps/web");
    }

    @Test
    void dotDotOutOfTheRepoIsRefusedWithTheNameAndPath() {
        assertThatThrownBy(() -> guard.resolve(guard.root().resolve("apps/web"), "../../../etc/passwd", "value file"))
                .isInstanceOf(RenderException.class)
                .hasMessage("value file '../../../etc/passwd' resolves outside the repository");
        assertThatThrownBy(() -> guard.resolve(guard.root(), "//../x", "value file"))
                .isInstanceOf(RenderException.class);
    }

    @Test
    void symlinksAreJudgedByWhereTheyLead() throws Exception {
        Path outside = Files.writeString(tmp.resolve("outside.yaml"), "x: 1\n");
        Files.createSymbolicLink(repo.resolve("out.yaml"), outside);
        Files.createSymbolicLink(repo.resolve("in.yaml"), repo.resolve("apps/web"));
        Files.createSymbolicLink(repo.resolve("outdir"), tmp);
        Files.createSymbolicLink(repo.resolve("dangling"), tmp.resolve("not-there"));

        assertThat(guard.isInside(repo.resolve("out.yaml"))).isFalse();
        assertThat(guard.isInside(repo.resolve("in.yaml"))).isTrue();
        assertThat(guard.isInside(repo.resolve("outdir/missing/file.yaml"))).isFalse();
        assertThat(guard.isInside(repo.resolve("dangling"))).isFalse();
        assertThat(guard.isInside(repo.resolve("apps/missing/file.yaml"))).isTrue();
    }

    @Test
    void rootMustExist() {
        assertThatThrownBy(() -> new PathGuard(tmp.resolve("nope"))).isInstanceOf(RenderException.class);
    }
}
