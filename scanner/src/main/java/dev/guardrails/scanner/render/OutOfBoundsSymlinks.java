package dev.guardrails.scanner.render;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Argo CD's rule for repositories ({@code util/app/path} {@code CheckOutOfBoundsSymlinks}): a repo
 * that contains any symlink resolving outside its root is refused before anything renders, because
 * helm ({@code .Files.Get}, {@code file://} dependencies), kustomize and the directory reader would
 * otherwise follow it. Every hop of a link chain is resolved ({@link PathGuard#isInside}), so a
 * link to an in-repo link to a host file is caught as well as a direct one.
 */
public final class OutOfBoundsSymlinks {

    private OutOfBoundsSymlinks() {
    }

    /** The repo-relative path of the first symlink (in walk order) that resolves outside the repo. */
    public static Optional<String> find(Path repoRoot) throws RenderException {
        PathGuard guard = new PathGuard(repoRoot);
        Path[] found = new Path[1];
        try {
            Files.walkFileTree(guard.root(), new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isSymbolicLink() && !guard.isInside(file)) {
                        found[0] = file;
                        return FileVisitResult.TERMINATE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new RenderException("cannot walk the repository to check its symlinks: " + e.getClass().getSimpleName(), e);
        }
        return Optional.ofNullable(found[0]).map(guard::relative);
    }

    /** Throws, naming the link, when {@link #find} finds one. */
    public static void refuse(Path repoRoot) throws RenderException {
        Optional<String> link = find(repoRoot);
        if (link.isPresent()) {
            throw new RenderException("the repository contains a symlink that resolves outside it: '" + link.get()
                    + "'; Argo CD refuses such repositories (out-of-bounds symlink), so nothing was rendered."
                    + " Remove the link or point it inside the repository");
        }
    }
}
