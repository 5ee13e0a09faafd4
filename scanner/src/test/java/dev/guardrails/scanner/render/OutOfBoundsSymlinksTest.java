package dev.guardrails.scanner.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutOfBoundsSymlinksTest {

    @TempDir
    Path tmp;

    private Path repo;
    private Path outside;

    @BeforeEach
    void setUp() throws Exception {
        repo = Files.createDirectories(tmp.resolve("repo"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "s3cr3t");
        Files.createDirectories(repo.resolve("app"));
        Files.writeString(repo.resolve("app/cm.yaml"), "kind: ConfigMap\n");
    }

    @Test
    void linksInsideTheRepoPass() throws Exception {
        Files.createSymbolicLink(repo.resolve("app/alias.yaml"), Path.of("cm.yaml"));
        Files.createSymbolicLink(repo.resolve("shared"), Path.of("app"));
        assertThat(OutOfBoundsSymlinks.find(repo)).isEmpty();
    }

    @Test
    void chainsOfEveryLengthAreFollowedToTheirEnd() throws Exception {
        for (int hops = 1; hops <= 3; hops++) {
            Path dir = Files.createDirectories(repo.resolve("chain" + hops));
            for (int i = 1; i < hops; i++) {
                Files.createSymbolicLink(dir.resolve("l" + i), Path.of("l" + (i + 1)));
            }
            Files.createSymbolicLink(dir.resolve("l" + hops), outside.resolve("secret"));
            assertThat(OutOfBoundsSymlinks.find(repo)).as(hops + " hops").isPresent();
            deleteLinks(dir);
        }
        assertThat(OutOfBoundsSymlinks.find(repo)).isEmpty();
    }

    @Test
    void aDirectoryLinkOutsideAndADanglingLinkOutsideAreRefusedByName() throws Exception {
        Files.createSymbolicLink(repo.resolve("app/ext"), outside);
        assertThatThrownBy(() -> OutOfBoundsSymlinks.refuse(repo))
                .isInstanceOf(RenderException.class).hasMessageContaining("'app/ext'")
                .hasMessageNotContaining(outside.toString()).hasMessageNotContaining("s3cr3t");
        Files.delete(repo.resolve("app/ext"));
        Files.createSymbolicLink(repo.resolve("app/gone"), Path.of("/nonexistent-guardrails/x"));
        assertThat(OutOfBoundsSymlinks.find(repo)).contains("app/gone");
    }

    private static void deleteLinks(Path dir) throws Exception {
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }
}
