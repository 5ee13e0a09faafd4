package dev.guardrails.scanner.fix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Reads and writes repo files for fixes, never outside the repo: a path that leaves the root or
 * runs through a symbolic link is refused, so a hostile repo cannot make a fix write elsewhere.
 */
public final class SourceFiles {

    private final Path root;

    public SourceFiles(Path root) throws IOException {
        this.root = root.toRealPath();
    }

    public Path root() {
        return root;
    }

    /** The text of a repo file, or empty when it does not exist yet. */
    public String read(String file) throws FixException {
        Path path = resolve(file);
        try {
            return Files.exists(path, LinkOption.NOFOLLOW_LINKS) ? Files.readString(path, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new FixException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    public void write(String file, String text) throws FixException {
        Path path = resolve(file);
        try {
            Files.writeString(path, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FixException(file + ": cannot write (" + e.getMessage() + ")");
        }
    }

    public void delete(String file) throws FixException {
        try {
            Files.deleteIfExists(resolve(file));
        } catch (IOException e) {
            throw new FixException(file + ": cannot delete (" + e.getMessage() + ")");
        }
    }

    public boolean exists(String file) throws FixException {
        return Files.exists(resolve(file), LinkOption.NOFOLLOW_LINKS);
    }

    private Path resolve(String file) throws FixException {
        Path path = root.resolve(file).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new FixException(file + ": outside the repository");
        }
        // Every existing component must be a real directory or file, not a link.
        for (Path p = root, rel = root.relativize(path); rel != null && rel.getNameCount() > 0; ) {
            p = p.resolve(rel.getName(0));
            if (Files.isSymbolicLink(p)) {
                throw new FixException(file + ": runs through a symbolic link; fix it by hand");
            }
            rel = rel.getNameCount() > 1 ? rel.subpath(1, rel.getNameCount()) : null;
        }
        return path;
    }
}
