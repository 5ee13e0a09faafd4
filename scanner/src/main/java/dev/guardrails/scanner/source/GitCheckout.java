package dev.guardrails.scanner.source;

import dev.guardrails.scanner.workspace.TempTrees;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * A repository checked out at one revision into a private temporary directory, deleted on
 * {@link #close()}. Works for remote URLs and for local repositories (which are cloned too, so the
 * caller's working tree is never touched).
 */
public final class GitCheckout implements AutoCloseable {

    private final Path clone;
    private final Path root;
    private final String commit;

    private GitCheckout(Path clone, Path root, String commit) {
        this.clone = clone;
        this.root = root;
        this.commit = commit;
    }

    public Path root() {
        return root;
    }

    /** The full SHA checked out. */
    public String commit() {
        return commit;
    }

    /**
     * Clones {@code url} and checks out {@code ref} (branch, tag or commit SHA; HEAD when blank).
     *
     * @param token optional HTTPS token (used as password); never logged
     */
    public static GitCheckout clone(String url, String ref, Optional<String> token) throws SourceException {
        return clone(url, ref, token, CheckoutLimits.defaults());
    }

    /**
     * Clones within {@code limits}: the clone is cancelled at the timeout and a revision whose files
     * exceed the size or count cap is refused before it is checked out.
     */
    public static GitCheckout clone(String url, String ref, Optional<String> token, CheckoutLimits limits)
            throws SourceException {
        if (!isRemote(url)) {
            return cloneLocal(url, ref, limits);
        }
        refuseTokenOverPlainHttp(url, token);
        return cloneUrl(url, ref, token, null, limits);
    }

    /**
     * A local path (relative ones too, {@code scan . --ref HEAD~1}): the repository holding it is
     * cloned, the clone keeps the source's {@code origin} URL (Applications name the repo by it),
     * and {@link #root()} is the same subdirectory in the clone.
     */
    private static GitCheckout cloneLocal(String path, String ref, CheckoutLimits limits) throws SourceException {
        Path target = Path.of(path).toAbsolutePath().normalize();
        if (!Files.isDirectory(target)) {
            throw new SourceException(path + " is not a directory or a Git URL");
        }
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(target.toFile());
        if (builder.getGitDir() == null) {
            throw new SourceException(path + " is not inside a Git repository; --ref needs one");
        }
        try (Repository source = builder.setMustExist(true).build()) {
            Path top = source.isBare() ? source.getDirectory().toPath() : source.getWorkTree().toPath();
            top = top.toAbsolutePath().normalize();
            String sub = target.startsWith(top) ? top.relativize(target).toString() : "";
            String origin = source.getConfig().getString("remote", "origin", "url");
            return cloneUrl(top.toUri().toString(), ref, Optional.empty(), new Local(sub, origin, path), limits);
        } catch (IOException e) {
            throw new SourceException("cannot open the Git repository of " + path + ": " + e.getMessage(), e);
        }
    }

    /** What a clone of a local repository keeps of its source. */
    private record Local(String subdirectory, String originUrl, String asGiven) {
    }

    private static GitCheckout cloneUrl(String url, String ref, Optional<String> token, Local local,
                                        CheckoutLimits limits) throws SourceException {
        Path dir;
        try {
            dir = Files.createTempDirectory("guardrails-git-");
        } catch (IOException e) {
            throw new SourceException("cannot create a checkout directory: " + e.getMessage(), e);
        }
        String safeUrl = local != null ? local.asGiven() : redact(url);
        long started = System.nanoTime();
        try (Git git = Git.cloneRepository()
                .setURI(url)
                .setDirectory(dir.toFile())
                .setCloneAllBranches(true)
                .setCredentialsProvider(credentials(token))
                .setNoCheckout(true)
                .setTimeout(limits.ioTimeoutSeconds())
                .setProgressMonitor(limits.monitor())
                .call()) {
            String wanted = ref == null || ref.isBlank() ? "HEAD" : ref;
            ObjectId id = resolve(git.getRepository(), wanted)
                    .orElseThrow(() -> new SourceException("revision '" + wanted + "' not found in " + safeUrl));
            limits.checkTree(git.getRepository(), id, safeUrl + " at " + wanted);
            // Nothing is on disk yet (no-checkout clone): a hard reset writes exactly the commit's tree.
            git.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).setRef(id.name()).call();
            if (local == null) {
                return new GitCheckout(dir, dir, id.name());
            }
            if (local.originUrl() != null) {
                var config = git.getRepository().getConfig();
                config.setString("remote", "origin", "url", local.originUrl());
                config.save();
            }
            Path root = dir.resolve(local.subdirectory()).normalize();
            if (!Files.isDirectory(root)) {
                throw new SourceException(local.asGiven() + " does not exist at revision '" + wanted + "'");
            }
            return new GitCheckout(dir, root, id.name());
        } catch (GitAPIException | IOException | RuntimeException e) {
            TempTrees.deleteQuietly(dir);
            boolean late = System.nanoTime() - started >= limits.timeout().toNanos();
            String why = late ? "timed out after " + limits.timeout().toSeconds() + "s (the clone was cancelled)"
                    : String.valueOf(e.getMessage());
            throw new SourceException("cannot clone " + safeUrl + ": " + scrub(why, token), null);
        } catch (SourceException e) {
            TempTrees.deleteQuietly(dir);
            throw e;
        }
    }

    /** The HEAD commit of a local working tree, if it is a Git repository. */
    public static Optional<String> headOf(Path workTree) {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(workTree.toFile());
        if (builder.getGitDir() == null) {
            return Optional.empty();
        }
        try (Repository repo = builder.build()) {
            ObjectId head = repo.resolve("HEAD");
            return Optional.ofNullable(head).map(ObjectId::name);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<ObjectId> resolve(Repository repo, String ref) throws IOException {
        for (String candidate : new String[] {"refs/remotes/origin/" + ref, "refs/tags/" + ref + "^{commit}", ref + "^{commit}", ref}) {
            try {
                ObjectId id = repo.resolve(candidate);
                if (id != null) {
                    return Optional.of(id);
                }
            } catch (org.eclipse.jgit.errors.RevisionSyntaxException ignored) {
                // try the next form
            }
        }
        return Optional.empty();
    }

    private static CredentialsProvider credentials(Optional<String> token) {
        return token.filter(t -> !t.isBlank())
                .<CredentialsProvider>map(t -> new UsernamePasswordCredentialsProvider("x-access-token", t))
                .orElse(null);
    }

    /**
     * A token is a password: over plain http:// anyone on the path reads it. Refused outright, so a
     * misspelt URL fails loudly instead of leaking the credential.
     */
    public static void refuseTokenOverPlainHttp(String url, Optional<String> token) throws SourceException {
        if (token.filter(t -> !t.isBlank()).isPresent() && url != null
                && url.regionMatches(true, 0, "http://", 0, 7)) {
            throw new SourceException("refusing to send a Git token over plain http:// to " + redact(url)
                    + ": use an https:// URL (or unset the token variable named by --token-env)");
        }
    }

    /** {@link #redact} plus the token itself, wherever a library echoed it. */
    static String scrub(String text, Optional<String> token) {
        String out = redact(text);
        String t = token.orElse("");
        return t.length() >= 4 ? out.replace(t, "***") : out;
    }

    /** Removes user-info (tokens) from a URL before it appears in any message. */
    public static String redact(String text) {
        return text == null ? "" : text.replaceAll("(https?://)[^/@\\s]+@", "$1***@");
    }

    /** True when the argument looks like a remote Git URL rather than a local path. */
    public static boolean isRemote(String target) {
        if (target.startsWith("git@") || target.startsWith("ssh://")) {
            return true;
        }
        try {
            String scheme = URI.create(target).getScheme();
            return scheme != null && (scheme.equals("http") || scheme.equals("https") || scheme.equals("file") || scheme.equals("git"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void close() {
        TempTrees.deleteQuietly(clone);
    }
}
