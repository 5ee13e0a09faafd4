package dev.guardrails.plugin.review;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/** A real on-disk Git repository for review tests: write files, commit, branch. */
final class GitRepo implements AutoCloseable {

    private final Path dir;
    private final Git git;

    private GitRepo(Path dir, Git git) {
        this.dir = dir;
        this.git = git;
    }

    static GitRepo init(Path dir) throws GitAPIException {
        return new GitRepo(dir, Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
    }

    /** A clone (a fork, for tests) of another repo. */
    static GitRepo cloneOf(GitRepo origin, Path dir) throws GitAPIException {
        return new GitRepo(dir, Git.cloneRepository().setURI(origin.url()).setDirectory(dir.toFile()).call());
    }

    String url() {
        return dir.toUri().toString();
    }

    Path dir() {
        return dir;
    }

    GitRepo write(String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return this;
    }

    GitRepo delete(String path) throws IOException {
        Files.delete(dir.resolve(path));
        return this;
    }

    String commit(String message) throws GitAPIException {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        return git.commit().setMessage(message).setAuthor("Test", "test@example.com")
                .setCommitter("Test", "test@example.com").call().getName();
    }

    GitRepo checkout(String branch, boolean create) throws GitAPIException {
        git.checkout().setName(branch).setCreateBranch(create).call();
        return this;
    }

    /** One file's hunks between two commits, as GitHub's {@code patch} and GitLab's {@code diff} fields carry them. */
    String patch(String fromSha, String toSha, String path) throws java.io.IOException {
        var out = new java.io.ByteArrayOutputStream();
        try (var f = new org.eclipse.jgit.diff.DiffFormatter(out)) {
            f.setRepository(git.getRepository());
            f.setPathFilter(org.eclipse.jgit.treewalk.filter.PathFilter.create(path));
            var repo = git.getRepository();
            f.format(repo.parseCommit(repo.resolve(fromSha)).getTree(), repo.parseCommit(repo.resolve(toSha)).getTree());
        }
        String text = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        int hunk = text.indexOf("@@");
        return hunk < 0 ? "" : text.substring(hunk);
    }

    @Override
    public void close() {
        git.close();
    }
}
