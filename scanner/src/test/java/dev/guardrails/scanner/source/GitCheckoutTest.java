package dev.guardrails.scanner.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scan <path> --ref <rev>} on local repositories, relative paths included. */
class GitCheckoutTest {

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ALWAYS)
    Path tmp;

    private RevCommit commit(Git git, String file, String text) throws Exception {
        Path p = git.getRepository().getWorkTree().toPath().resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        git.add().addFilepattern(".").call();
        return git.commit().setMessage(file).setAuthor("t", "t@example.com").setCommitter("t", "t@example.com")
                .setSign(false).call();
    }

    @Test
    void relativePathAtAnEarlierRevisionKeepsTheOriginAndTheSubdirectory() throws Exception {
        Path repo = tmp.resolve("gitops");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.getRepository().getConfig().setString("remote", "origin", "url", "https://github.com/acme/gitops.git");
            git.getRepository().getConfig().save();
            RevCommit first = commit(git, "apps/web/deploy.yaml", "kind: Deployment # v1\n");
            commit(git, "apps/web/deploy.yaml", "kind: Deployment # v2\n");

            Path relative = Path.of("").toAbsolutePath().relativize(repo.resolve("apps"));
            try (GitCheckout checkout = GitCheckout.clone(relative.toString(), "HEAD~1", Optional.empty())) {
                assertThat(checkout.commit()).isEqualTo(first.name());
                assertThat(checkout.root().getFileName().toString()).isEqualTo("apps");
                assertThat(Files.readString(checkout.root().resolve("web/deploy.yaml"))).contains("# v1");
                try (Git clone = Git.open(checkout.root().getParent().toFile())) {
                    assertThat(clone.getRepository().getConfig().getString("remote", "origin", "url"))
                            .isEqualTo("https://github.com/acme/gitops.git");
                }
                Path cloneDir = checkout.root().getParent();
                checkout.close();
                assertThat(cloneDir).doesNotExist();
            }
            assertThat(Files.readString(repo.resolve("apps/web/deploy.yaml"))).contains("# v2");
        }
    }

    @Test
    void aPathOutsideAnyRepositoryIsAClearError() throws Exception {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        Path relative = Path.of("").toAbsolutePath().relativize(plain);
        assertThatThrownBy(() -> GitCheckout.clone(relative.toString(), "HEAD~1", Optional.empty()))
                .isInstanceOf(SourceException.class).hasMessageContaining("not inside a Git repository");
    }
}
