package dev.guardrails.scanner.render.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guardrails.scanner.render.RenderOutput;
import dev.guardrails.scanner.render.RenderedFile;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Rendered output on disk, one JSON file per render key, so that auditing many repos again (or
 * the same repo at an unchanged commit) skips {@code helm template} and {@code kustomize build}.
 *
 * <p>Safe across threads and processes: entries are written to a temporary file and moved into
 * place atomically, readers see a whole entry or none, and an entry that cannot be read (corrupt,
 * truncated, from another format) is a miss and is deleted. The cache is bounded by size: after a
 * write, the least recently used entries (by modification time, which a hit refreshes) go first.
 */
public final class RenderCache {

    /** Bumped whenever the entry layout or the meaning of a key changes. */
    public static final int FORMAT = 2;

    /** Default bound: 1 GiB. */
    public static final long DEFAULT_MAX_BYTES = 1024L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");
    private static final String SUFFIX = ".json";

    private final Path dir;
    private final long maxBytes;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final Object evictionLock = new Object();

    /**
     * @param dir      where entries live; created on first write
     * @param maxBytes size bound; entries beyond it are evicted oldest first
     */
    public RenderCache(Path dir, long maxBytes) {
        this.dir = dir.toAbsolutePath().normalize();
        this.maxBytes = Math.max(1, maxBytes);
    }

    /** {@code $XDG_CACHE_HOME/guardrails/render}, else {@code ~/.cache/guardrails/render}. */
    public static Path defaultDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("guardrails").resolve("render");
    }

    public Path dir() {
        return dir;
    }

    /**
     * What a render produced: its output, or (for a render that failed for a reason that will not
     * change while its inputs do not) the failure message.
     */
    public record Cached(RenderOutput output, String failure) {
    }

    /** The cached output for {@code key}, or empty on a miss or a cached failure. */
    public Optional<RenderOutput> get(String key) {
        return lookup(key).map(Cached::output);
    }

    /** The cached entry for {@code key}, or empty on a miss (absent, unreadable or corrupt entry). */
    public Optional<Cached> lookup(String key) {
        Path file = entry(key);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            misses.incrementAndGet();
            return Optional.empty();
        } catch (IOException e) {
            misses.incrementAndGet();
            return Optional.empty();
        }
        Optional<Cached> output = decode(bytes, key);
        if (output.isEmpty()) {
            misses.incrementAndGet();
            deleteQuietly(file);
            return output;
        }
        hits.incrementAndGet();
        try {
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException ignored) {
            // evicted meanwhile, or read-only cache: the hit stands
        }
        return output;
    }

    /** Stores {@code output} under {@code key}; failures to write are ignored (the cache is an optimisation). */
    public void put(String key, RenderOutput output) {
        write(key, new Cached(output, null));
    }

    /** Stores a deterministic render failure under {@code key}. */
    public void putFailure(String key, String message) {
        write(key, new Cached(null, message));
    }

    private void write(String key, Cached output) {
        Path file = entry(key);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".tmp-", SUFFIX);
            try {
                Files.write(tmp, encode(key, output));
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            writes.incrementAndGet();
        } catch (IOException e) {
            return;
        }
        evict();
    }

    /** Lookups that found an entry since this instance was made. */
    public long hits() {
        return hits.get();
    }

    /** Lookups that found nothing usable. */
    public long misses() {
        return misses.get();
    }

    /** Entries written. */
    public long writes() {
        return writes.get();
    }

    /** The entry file of a key, for tests and tooling. */
    public Path entry(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("cache keys are lower-case SHA-256 hex: " + key);
        }
        return dir.resolve(key.substring(0, 2)).resolve(key + SUFFIX);
    }

    /** Total size of the entries now on disk. */
    public long sizeBytes() {
        return entries().stream().mapToLong(Entry::size).sum();
    }

    /** Removes least recently used entries until the cache fits its bound. */
    void evict() {
        synchronized (evictionLock) {
            List<Entry> entries = entries();
            long total = entries.stream().mapToLong(Entry::size).sum();
            if (total <= maxBytes) {
                return;
            }
            entries.sort(Comparator.comparing(Entry::modified).thenComparing(e -> e.file().toString()));
            for (Entry e : entries) {
                if (total <= maxBytes) {
                    break;
                }
                deleteQuietly(e.file());
                total -= e.size();
            }
        }
    }

    private record Entry(Path file, long size, FileTime modified) {
    }

    private List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> shards = Files.newDirectoryStream(dir)) {
            for (Path shard : shards) {
                if (!Files.isDirectory(shard)) {
                    continue;
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(shard, "*" + SUFFIX)) {
                    for (Path f : files) {
                        if (f.getFileName().toString().startsWith(".tmp-")) {
                            continue;
                        }
                        try {
                            BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                            out.add(new Entry(f, a.size(), a.lastModifiedTime()));
                        } catch (IOException ignored) {
                            // deleted by another process meanwhile
                        }
                    }
                } catch (IOException ignored) {
                    // shard removed meanwhile
                }
            }
        } catch (IOException ignored) {
            // unreadable cache dir: nothing to evict
        }
        return out;
    }

    private static byte[] encode(String key, Cached entry) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("key", key);
        if (entry.failure() != null) {
            root.put("failure", entry.failure());
            return JSON.writeValueAsBytes(root);
        }
        RenderOutput output = entry.output();
        root.put("toolVersion", output.toolVersion());
        root.put("elapsedMillis", output.elapsedMillis());
        writeFiles(root.putArray("files"), output.files());
        writeFiles(root.putArray("rerendered"), output.rerendered());
        ArrayNode unrendered = root.putArray("unrendered");
        output.unrendered().forEach(unrendered::add);
        return JSON.writeValueAsBytes(root);
    }

    private static void writeFiles(ArrayNode array, List<RenderedFile> files) {
        for (RenderedFile f : files) {
            array.addObject().put("path", f.path()).put("content", f.content()).put("exactLines", f.exactLines());
        }
    }

    private static Optional<List<RenderedFile>> readFiles(JsonNode array) {
        List<RenderedFile> files = new ArrayList<>();
        for (JsonNode f : array) {
            if (!f.path("path").isTextual() || !f.path("content").isTextual() || !f.path("exactLines").isBoolean()) {
                return Optional.empty();
            }
            files.add(new RenderedFile(f.get("path").asText(), f.get("content").asText(), f.get("exactLines").asBoolean()));
        }
        return Optional.of(files);
    }

    private static Optional<Cached> decode(byte[] bytes, String key) {
        try {
            JsonNode root = JSON.readTree(bytes);
            if (root == null || !root.isObject() || root.path("format").asInt(-1) != FORMAT
                    || !key.equals(root.path("key").asText())) {
                return Optional.empty();
            }
            if (root.path("failure").isTextual()) {
                return Optional.of(new Cached(null, root.get("failure").asText()));
            }
            if (!root.path("files").isArray() || !root.path("rerendered").isArray()) {
                return Optional.empty();
            }
            Optional<List<RenderedFile>> files = readFiles(root.get("files"));
            Optional<List<RenderedFile>> rerendered = readFiles(root.get("rerendered"));
            if (files.isEmpty() || rerendered.isEmpty()) {
                return Optional.empty();
            }
            List<String> unrendered = new ArrayList<>();
            root.path("unrendered").forEach(u -> unrendered.add(u.asText()));
            JsonNode version = root.get("toolVersion");
            return Optional.of(new Cached(new RenderOutput(files.get(), root.path("elapsedMillis").asLong(0),
                    version == null || version.isNull() ? null : version.asText(), unrendered, rerendered.get()), null));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // another process holds or removed it
        }
    }
}
