package dev.guardrails.plugin.review;

import dev.guardrails.scanner.workspace.TempTrees;

import dev.guardrails.scanner.source.GitCheckout;
import dev.guardrails.scanner.source.CheckoutLimits;
import dev.guardrails.scanner.source.SourceException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * Base and head of a pull request, fetched into one private bare repository (so both share an
 * object store and have a merge base) and exported as plain trees into two temp directories. The
 * head comes from the head repository (a fork, possibly), falling back to the forge's PR ref in the
 * base repository. Symlinks and submodules are not exported: a symlink could point a renderer
 * outside the checkout. Everything is deleted on {@link #close()}.
 */
final class RevisionCheckout implements AutoCloseable {

    private static final int FETCH_TIMEOUT_SECONDS = 300;
    private static final CheckoutLimits LIMITS = new CheckoutLimits(java.time.Duration.ofSeconds(FETCH_TIMEOUT_SECONDS),
            CheckoutLimits.defaults().maxBytes(), CheckoutLimits.defaults().maxFiles());

    private final Path work;
    private final Path baseRoot;
    private final Path headRoot;
    private final String baseSha;
    private final String headSha;
    private final String mergeBase;
    private final Set<String> changedPaths;

    private RevisionCheckout(Path work, Path baseRoot, Path headRoot, String baseSha, String headSha, String mergeBase,
                             Set<String> changedPaths) {
        this.work = work;
        this.baseRoot = baseRoot;
        this.headRoot = headRoot;
        this.baseSha = baseSha;
        this.headSha = headSha;
        this.mergeBase = mergeBase;
        this.changedPaths = changedPaths;
    }

    /**
     * Fetches and exports both revisions.
     *
     * @param headRef  the forge's ref for the PR head in the base repository (refs/pull/N/head)
     * @param gitUser  user name for the token over HTTPS
     * @param token    HTTPS token, only ever sent to https:// URLs
     */
    static RevisionCheckout fetch(ReviewRequest r, String headRef, String gitUser, Optional<String> token)
            throws SourceException {
        Path work;
        try {
            work = Files.createTempDirectory("guardrails-review-");
        } catch (IOException e) {
            throw new SourceException("cannot create a review directory: " + e.getMessage(), e);
        }
        try {
            Path gitDir = work.resolve("repo.git");
            try (Git git = Git.init().setBare(true).setDirectory(gitDir.toFile()).call()) {
                Repository repo = git.getRepository();
                ObjectId base = fetchBase(git, r, gitUser, token);
                ObjectId head = fetchHead(git, r, headRef, gitUser, token);
                try (RevWalk walk = new RevWalk(repo)) {
                    RevCommit baseCommit = walk.parseCommit(base);
                    RevCommit headCommit = walk.parseCommit(head);
                    walk.reset();
                    walk.setRevFilter(RevFilter.MERGE_BASE);
                    walk.markStart(baseCommit);
                    walk.markStart(walk.parseCommit(head));
                    RevCommit mb = walk.next();
                    // Unrelated histories: compare with the base itself.
                    RevCommit from = mb == null ? baseCommit : walk.parseCommit(mb);
                    Set<String> changed = changed(repo, from, headCommit);
                    // A small pack can expand to hundreds of megabytes: refuse before writing a file.
                    LIMITS.checkTree(repo, baseCommit, r.repository() + " base " + base.name());
                    LIMITS.checkTree(repo, headCommit, r.repository() + " head " + head.name());
                    Path baseRoot = work.resolve("base");
                    Path headRoot = work.resolve("head");
                    export(repo, baseCommit, baseRoot);
                    export(repo, headCommit, headRoot);
                    return new RevisionCheckout(work, baseRoot, headRoot, base.name(), head.name(), from.name(), changed);
                }
            }
        } catch (GitAPIException | IOException | RuntimeException e) {
            TempTrees.deleteQuietly(work);
            throw new SourceException("cannot fetch " + r.repository() + "#" + r.number() + ": "
                    + GitCheckout.redact(String.valueOf(e.getMessage())), e);
        } catch (SourceException e) {
            TempTrees.deleteQuietly(work);
            throw e;
        }
    }

    private static ObjectId fetchBase(Git git, ReviewRequest r, String user, Optional<String> token)
            throws GitAPIException, IOException, SourceException {
        Repository repo = git.getRepository();
        String url = r.baseCloneUrl();
        if (r.baseRef() != null && !r.baseRef().isBlank()) {
            fetch(git, url, user, token, "+refs/heads/" + r.baseRef() + ":refs/guardrails/base/" + r.baseRef());
        }
        if (r.baseSha() != null && !r.baseSha().isBlank()) {
            ObjectId id = present(repo, r.baseSha());
            if (id == null) {
                // The branch moved past (or away from) the webhook's base SHA: fetch all branches.
                fetch(git, url, user, token, "+refs/heads/*:refs/guardrails/base/*");
                id = present(repo, r.baseSha());
            }
            if (id == null) {
                throw new SourceException("base commit " + r.baseSha() + " not found in " + GitCheckout.redact(url));
            }
            return id;
        }
        ObjectId tip = repo.resolve("refs/guardrails/base/" + r.baseRef());
        if (tip == null) {
            throw new SourceException("base branch '" + r.baseRef() + "' not found in " + GitCheckout.redact(url));
        }
        return tip;
    }

    private static ObjectId fetchHead(Git git, ReviewRequest r, String headRef, String user, Optional<String> token)
            throws GitAPIException, IOException, SourceException {
        Repository repo = git.getRepository();
        ObjectId id = present(repo, r.headSha());
        if (id != null) {
            return id;
        }
        String headUrl = r.headCloneUrl() == null ? r.baseCloneUrl() : r.headCloneUrl();
        try {
            fetch(git, headUrl, user, token, "+refs/heads/*:refs/guardrails/head/*");
        } catch (GitAPIException e) {
            if (headUrl.equals(r.baseCloneUrl())) {
                throw e;
            }
            // A deleted or private fork: the PR ref below still has the head.
        }
        id = present(repo, r.headSha());
        if (id == null) {
            try {
                fetch(git, r.baseCloneUrl(), user, token, "+" + headRef + ":refs/guardrails/pr-head");
            } catch (GitAPIException ignored) {
                // reported below as a missing commit
            }
            id = present(repo, r.headSha());
        }
        if (id == null) {
            throw new SourceException("head commit " + r.headSha() + " not found in " + GitCheckout.redact(headUrl));
        }
        return id;
    }

    private static void fetch(Git git, String url, String user, Optional<String> token, String refSpec)
            throws GitAPIException {
        git.fetch().setRemote(url).setRefSpecs(new RefSpec(refSpec)).setTimeout(FETCH_TIMEOUT_SECONDS)
                .setProgressMonitor(LIMITS.monitor())
                .setCredentialsProvider(credentials(url, user, token)).call();
    }

    /** Credentials only over HTTPS: never sent in clear text or to a local path. */
    private static CredentialsProvider credentials(String url, String user, Optional<String> token) {
        if (url == null || !url.startsWith("https://")) {
            return null;
        }
        return token.filter(t -> !t.isBlank()).<CredentialsProvider>map(t -> new UsernamePasswordCredentialsProvider(user, t))
                .orElse(null);
    }

    private static ObjectId present(Repository repo, String sha) throws IOException {
        if (sha == null || !ObjectId.isId(sha)) {
            return null;
        }
        ObjectId id = ObjectId.fromString(sha);
        return repo.getObjectDatabase().has(id) ? id : null;
    }

    /** Paths added, removed, modified or renamed (both sides) between two commits. */
    private static Set<String> changed(Repository repo, RevCommit from, RevCommit to) throws IOException {
        Set<String> out = new TreeSet<>();
        try (DiffFormatter diff = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
            diff.setRepository(repo);
            diff.setDetectRenames(false);
            for (DiffEntry e : diff.scan(from.getTree(), to.getTree())) {
                if (!DiffEntry.DEV_NULL.equals(e.getOldPath())) {
                    out.add(e.getOldPath());
                }
                if (!DiffEntry.DEV_NULL.equals(e.getNewPath())) {
                    out.add(e.getNewPath());
                }
            }
        }
        return out;
    }

    /** Writes a commit's regular files under {@code dir}. */
    private static void export(Repository repo, RevCommit commit, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path root = dir.toAbsolutePath().normalize();
        try (TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(commit.getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                FileMode mode = tw.getFileMode(0);
                if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                    continue;
                }
                String path = tw.getPathString();
                Path target = root.resolve(path).normalize();
                if (!target.startsWith(root) || path.contains("\\") || target.equals(root)) {
                    throw new IOException("unsafe path in the tree: " + path);
                }
                Files.createDirectories(target.getParent());
                try (OutputStream out = Files.newOutputStream(target)) {
                    repo.open(tw.getObjectId(0)).copyTo(out);
                }
            }
        }
    }

    Path baseRoot() {
        return baseRoot;
    }

    Path headRoot() {
        return headRoot;
    }

    String baseSha() {
        return baseSha;
    }

    String headSha() {
        return headSha;
    }

    String mergeBase() {
        return mergeBase;
    }

    /** Repo-relative paths touched between the merge base and the head. */
    Set<String> changedPaths() {
        return changedPaths;
    }

    @Override
    public void close() {
        TempTrees.deleteQuietly(work);
    }
}
