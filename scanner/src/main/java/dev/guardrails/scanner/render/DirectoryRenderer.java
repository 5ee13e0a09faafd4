package dev.guardrails.scanner.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads a plain-manifest app the way Argo CD's {@code findManifests} does: {@code .yaml},
 * {@code .yml} and {@code .json} files in the app dir (all subdirectories with {@code recurse}),
 * filtered by the exclude glob first and then the include glob on the path relative to the app dir,
 * skipping files that contain {@code +argocd:skip-file-rendering}.
 *
 * <p>No tool runs, so each file comes back verbatim with {@code exactLines = true}. Symlinks are
 * followed only when they stay inside the repo; one that leads out fails the render. Symlinked
 * directories are not descended into. Jsonnet is not evaluated: {@code .jsonnet} files
 * are listed in {@link RenderOutput#unrendered()} so the scan reports them as not checked.
 */
public final class DirectoryRenderer implements Renderer {

    /** The marker Argo CD honours to leave a file out of a directory app. */
    public static final String SKIP_MARKER = "+argocd:skip-file-rendering";
    /** Default cap for one file: larger files are rejected, not silently dropped. */
    public static final long DEFAULT_MAX_FILE_BYTES = 10L * 1024 * 1024;

    private final RenderLimits limits;
    private final long maxFileBytes;

    public DirectoryRenderer() {
        this(RenderLimits.defaults(), DEFAULT_MAX_FILE_BYTES);
    }

    /**
     * @param limits       {@link RenderLimits#maxOutputBytes()} caps the total size read
     * @param maxFileBytes cap for any single file
     */
    public DirectoryRenderer(RenderLimits limits, long maxFileBytes) {
        this.limits = limits;
        this.maxFileBytes = maxFileBytes;
    }

    @Override
    public SourceType type() {
        return SourceType.DIRECTORY;
    }

    @Override
    public RenderOutput render(RenderRequest request) throws RenderException {
        long start = System.nanoTime();
        PathGuard guard = new PathGuard(request.repoRoot());
        String app = HelmRenderer.describe(request);
        Path appDir = guard.appDirectory(request, app, "directory");
        DirectoryOptions options = request.directory();
        Glob include = blank(options.include()) ? null : compile(options.include(), app);
        Glob exclude = blank(options.exclude()) ? null : compile(options.exclude(), app);

        List<Path> candidates = new ArrayList<>();
        collect(guard, appDir, options.recurse(), candidates, app);
        candidates.sort(Comparator.comparing(p -> guard.relative(p)));

        List<RenderedFile> files = new ArrayList<>();
        List<String> unrendered = new ArrayList<>();
        long total = 0;
        for (Path file : candidates) {
            String relative = appDir.relativize(file).toString().replace('\\', '/');
            if (exclude != null && exclude.matches(relative)) {
                continue;
            }
            if (include != null && !include.matches(relative)) {
                continue;
            }
            String repoPath = guard.relative(file);
            if (relative.endsWith(".jsonnet")) {
                unrendered.add(repoPath); // Argo CD evaluates it; this tool does not, so it is reported
                continue;
            }
            long size;
            try {
                size = Files.size(file);
            } catch (IOException e) {
                throw new RenderException(app + ": cannot read " + repoPath + ": " + e.getMessage(), e);
            }
            if (size > maxFileBytes) {
                throw new RenderException(app + ": " + repoPath + " is " + size + " bytes, over the "
                        + maxFileBytes + "-byte limit for one manifest file");
            }
            total += size;
            if (total > limits.maxOutputBytes()) {
                throw new RenderException(app + ": manifests total over " + limits.maxOutputBytes() + " bytes");
            }
            String content;
            try {
                content = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new RenderException(app + ": cannot read " + repoPath + " as UTF-8: " + e.getMessage(), e);
            }
            if (content.contains(SKIP_MARKER)) {
                continue;
            }
            files.add(new RenderedFile(repoPath, content, true));
        }
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        return new RenderOutput(files, elapsed, "directory", unrendered, List.of());
    }

    private static void collect(PathGuard guard, Path dir, boolean recurse, List<Path> out, String app)
            throws RenderException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                boolean link = Files.isSymbolicLink(entry);
                if (link && !guard.isInside(entry)) {
                    throw new RenderException(app + ": symlink '" + guard.relative(entry)
                            + "' points outside the repository");
                }
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    if (recurse) {
                        collect(guard, entry, true, out, app);
                    }
                } else if ((isManifestName(entry.getFileName().toString())
                        || entry.getFileName().toString().endsWith(".jsonnet")) && Files.isRegularFile(entry)) {
                    out.add(entry.toAbsolutePath().normalize());
                }
            }
        } catch (IOException e) {
            throw new RenderException(app + ": cannot list '" + guard.relative(dir) + "': " + e.getMessage(), e);
        }
    }

    static boolean isManifestName(String name) {
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static Glob compile(String pattern, String app) throws RenderException {
        try {
            return Glob.argo(pattern);
        } catch (IllegalArgumentException e) {
            throw new RenderException(app + ": " + e.getMessage(), e);
        }
    }
}
