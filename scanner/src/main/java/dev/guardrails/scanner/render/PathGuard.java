package dev.guardrails.scanner.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Keeps every file a render reads inside the repo root. Repos are untrusted input: a value file
 * {@code ../../etc/passwd}, a {@code /x} path, or a symlink committed into the repo must not let a
 * render (or its output in a PR comment) read the scanner's own files.
 *
 * <p>A path passes when its lexical form stays under the root and the real path of its deepest
 * existing part (symlinks resolved, dangling links followed by hand) is also under the real root.
 * Paths that do not exist yet pass when their existing prefix does, so callers can report
 * "missing" separately from "outside".
 */
public final class PathGuard {

    private static final int MAX_LINK_HOPS = 40;

    private final Path root;

    /** @throws RenderException when the root is not an existing directory */
    public PathGuard(Path repoRoot) throws RenderException {
        try {
            this.root = repoRoot.toRealPath();
        } catch (IOException e) {
            throw new RenderException("repository root " + repoRoot + " does not exist");
        }
        if (!Files.isDirectory(root)) {
            throw new RenderException("repository root " + repoRoot + " is not a directory");
        }
    }

    /** The real path of the repo root. */
    public Path root() {
        return root;
    }

    /** Resolves a repo-relative path ({@code /} separators, {@code .} = root) and checks it. */
    /**
     * The existing directory a render request points at, inside the repo.
     *
     * @param app  how errors name the app
     * @param what how errors name the directory, e.g. {@code chart directory}
     */
    public Path appDirectory(RenderRequest request, String app, String what) throws RenderException {
        Path dir = resolveInRepo(request.appPath(), "app path");
        if (!Files.isDirectory(dir)) {
            throw new RenderException(app + ": " + what + " '" + request.appPath() + "' does not exist");
        }
        check(dir, what.equals("directory") ? "app path" : what);
        return dir;
    }

    public Path resolveInRepo(String repoRelative, String what) throws RenderException {
        return resolve(root, repoRelative, what);
    }

    /**
     * Resolves {@code path} against {@code base}; a leading {@code /} means the repo root, as Argo CD
     * reads absolute value-file paths.
     *
     * @param what names the path in the error, e.g. {@code value file}
     * @return the normalized absolute path (not its real path, so names stay as written)
     * @throws RenderException when it resolves outside the repo
     */
    public Path resolve(Path base, String path, String what) throws RenderException {
        Path resolved = path.startsWith("/")
                ? root.resolve(path.substring(1).replaceFirst("^/+", ""))
                : base.resolve(path);
        Path normalized = resolved.toAbsolutePath().normalize();
        if (!isInside(normalized)) {
            throw new RenderException(what + " '" + path + "' resolves outside the repository");
        }
        return normalized;
    }

    /** True when the path, with symlinks resolved, stays inside the repo. */
    public boolean isInside(Path path) {
        return isInside(path.toAbsolutePath().normalize(), 0);
    }

    /** Throws unless {@link #isInside(Path)}. */
    public Path check(Path path, String what) throws RenderException {
        if (!isInside(path)) {
            throw new RenderException(what + " '" + relativeOrAbsolute(path) + "' resolves outside the repository");
        }
        return path.toAbsolutePath().normalize();
    }

    /** The repo-relative path with {@code /} separators; {@code .} for the root. */
    public String relative(Path path) {
        Path rel = root.relativize(path.toAbsolutePath().normalize());
        String text = rel.toString().replace('\\', '/');
        return text.isEmpty() ? "." : text;
    }

    private String relativeOrAbsolute(Path path) {
        Path normalized = path.toAbsolutePath().normalize();
        return normalized.startsWith(root) ? relative(normalized) : normalized.toString();
    }

    private boolean isInside(Path normalized, int hops) {
        if (hops > MAX_LINK_HOPS || !normalized.startsWith(root)) {
            return false;
        }
        Path existing = normalized;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return false;
        }
        try {
            return existing.toRealPath().startsWith(root);
        } catch (IOException e) {
            // A dangling link (or a loop): judge where it points.
            if (!Files.isSymbolicLink(existing)) {
                return false;
            }
            try {
                Path target = existing.getParent().resolve(Files.readSymbolicLink(existing)).normalize();
                return isInside(target, hops + 1);
            } catch (IOException unreadable) {
                return false;
            }
        }
    }
}
