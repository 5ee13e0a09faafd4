package dev.guardrails.argocd.app;

import dev.guardrails.scanner.workspace.TempTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Temporary copies of the checkout (without {@code .git}) for apps whose kustomization Argo CD
 * edits in place. The user's checkout is never written; every copy is deleted on {@link #close()}.
 * Symlinks are copied as links, so the renderers' path guard judges them in the copy as it would in
 * the checkout.
 */
public final class RepoCopies implements AutoCloseable {

    private final Path repoRoot;
    private final List<Path> copies = new ArrayList<>();

    public RepoCopies(Path repoRoot) {
        this.repoRoot = repoRoot.toAbsolutePath().normalize();
    }

    /** A fresh copy of the repo; its root has the same layout, so repo-relative paths stay valid. */
    public synchronized Path newCopy() throws IOException {
        Path target = Files.createTempDirectory("guardrails-argocd-");
        copies.add(target);
        Files.walkFileTree(repoRoot, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(repoRoot) && dir.getFileName().toString().equals(".git")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(target.resolve(repoRoot.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (file.getFileName().toString().equals(".git")) {
                    return FileVisitResult.CONTINUE; // a worktree's .git file
                }
                Path dest = target.resolve(repoRoot.relativize(file).toString());
                if (attrs.isSymbolicLink()) {
                    Files.createSymbolicLink(dest, Files.readSymbolicLink(file));
                } else if (attrs.isRegularFile()) {
                    Files.copy(file, dest, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return target;
    }

    /** Copies made so far (for tests and diagnostics). */
    public synchronized List<Path> copies() {
        return List.copyOf(copies);
    }

    @Override
    public synchronized void close() {
        UncheckedIOException failure = null;
        for (Path copy : copies) {
            try {
                TempTrees.delete(copy);
            } catch (IOException e) {
                failure = new UncheckedIOException("could not delete temporary copy " + copy, e);
            }
        }
        copies.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
