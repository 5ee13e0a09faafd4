package dev.guardrails.scanner.source;

import java.io.IOException;
import java.time.Duration;
import org.eclipse.jgit.lib.BatchingProgressMonitor;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Bounds for fetching and checking out a repository: a small packed repo can expand to hundreds of
 * megabytes of files, and a slow or stalling remote must not hold a worker.
 *
 * @param timeout  wall-clock limit for clone or fetch (network I/O also times out on inactivity)
 * @param maxBytes largest total size of the files of the checked-out revision
 * @param maxFiles most files in the checked-out revision
 */
public record CheckoutLimits(Duration timeout, long maxBytes, long maxFiles) {

    public static CheckoutLimits defaults() {
        return new CheckoutLimits(Duration.ofMinutes(5), 256L * 1024 * 1024, 100_000);
    }

    /** A JGit progress monitor that cancels the transfer once the timeout has passed. */
    public ProgressMonitor monitor() {
        long end = System.nanoTime() + timeout.toNanos();
        return new BatchingProgressMonitor() {
            @Override
            public boolean isCancelled() {
                return System.nanoTime() - end >= 0;
            }

            @Override
            protected void onUpdate(String taskName, int workCurr, Duration duration) {
            }

            @Override
            protected void onEndTask(String taskName, int workCurr, Duration duration) {
            }

            @Override
            protected void onUpdate(String taskName, int workCurr, int workTotal, int percentDone, Duration duration) {
            }

            @Override
            protected void onEndTask(String taskName, int workCurr, int workTotal, int percentDone, Duration duration) {
            }
        };
    }

    /** Seconds for JGit's I/O inactivity timeout. */
    public int ioTimeoutSeconds() {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
    }

    /**
     * Refuses a revision whose files exceed the caps, before anything is written to disk. Sizes come
     * from the object database (blob headers), so nothing is inflated to count them.
     *
     * @param what how to name the revision in the error, e.g. {@code https://host/repo.git at main}
     */
    public void checkTree(Repository repo, ObjectId commit, String what) throws IOException, SourceException {
        long bytes = 0;
        long files = 0;
        try (RevWalk walk = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo); ObjectReader reader = repo.newObjectReader()) {
            tw.addTree(walk.parseCommit(commit).getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                FileMode mode = tw.getFileMode(0);
                if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE && mode != FileMode.SYMLINK) {
                    continue;
                }
                files++;
                bytes += reader.getObjectSize(tw.getObjectId(0), Constants.OBJ_BLOB);
                if (files > maxFiles) {
                    throw new SourceException(what + " has more than " + maxFiles + " files, over the checkout limit");
                }
                if (bytes > maxBytes) {
                    throw new SourceException(what + " checks out to more than " + mib(maxBytes)
                            + " of files, over the checkout limit (the packed repository may be far smaller)");
                }
            }
        }
    }

    private static String mib(long bytes) {
        return (bytes / (1024 * 1024)) + " MiB";
    }
}
