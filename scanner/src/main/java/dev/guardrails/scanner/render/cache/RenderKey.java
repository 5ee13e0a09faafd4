package dev.guardrails.scanner.render.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.guardrails.scanner.parse.ManifestParseException;
import dev.guardrails.scanner.parse.YamlReader;
import dev.guardrails.scanner.render.HelmFileParameter;
import dev.guardrails.scanner.render.KustomizationFile;
import dev.guardrails.scanner.render.RenderRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The cache key of one render: a SHA-256 over everything the output depends on. That is the
 * request's options (not the checkout's absolute location, so fresh clones of the same content
 * share entries), the tool version, and the content of every file the tool may read:
 * <ul>
 *   <li>directory apps: the app dir's files (recursively when {@code recurse} is set);</li>
 *   <li>helm apps: the chart dir, the value files and {@code --set-file} files, and local
 *       {@code file://} dependencies;</li>
 *   <li>kustomize apps: the app dir and every directory or file its kustomization graph refers to
 *       (read with {@link KustomizationFile}).</li>
 * </ul>
 * Hashing a superset of the inputs only costs extra misses; missing an input would serve stale
 * output, so when in doubt a whole directory is hashed. Renders that may reach the network
 * (remote bases allowed) have no key and are never cached.
 */
public final class RenderKey {

    private static final ObjectMapper OPTIONS = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY).build();

    private RenderKey() {
    }

    /**
     * The key of {@code request} rendered by a tool of version {@code toolVersion}, or empty when
     * the render must not be cached.
     *
     * @throws IOException when an input file cannot be read
     */
    public static Optional<String> of(RenderRequest request, String toolVersion) throws IOException {
        if (toolVersion == null || toolVersion.isBlank() || toolVersion.contains("unknown")) {
            return Optional.empty();
        }
        Path root = request.repoRoot().toAbsolutePath().normalize();
        Optional<Set<Path>> inputs = inputs(request, root);
        if (inputs.isEmpty()) {
            return Optional.empty();
        }
        MessageDigest digest = sha256();
        update(digest, "guardrails-render-cache/" + RenderCache.FORMAT);
        update(digest, String.valueOf(RenderKey.class.getPackage().getImplementationVersion()));
        update(digest, toolVersion);
        update(digest, options(request));
        for (Path file : inputs.get()) {
            update(digest, root.relativize(file).toString().replace('\\', '/'));
            if (Files.isSymbolicLink(file)) {
                update(digest, "link:" + Files.readSymbolicLink(file));
            } else {
                digest.update(sha256().digest(Files.readAllBytes(file)));
            }
        }
        return Optional.of(HexFormat.of().formatHex(digest.digest()));
    }

    /** The request without its checkout location, as canonical JSON. */
    static String options(RenderRequest request) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", request.type().id());
        fields.put("appPath", request.appPath());
        fields.put("appName", request.appName());
        fields.put("namespace", request.namespace());
        fields.put("helm", request.helm());
        fields.put("kustomize", request.kustomize());
        fields.put("directory", request.directory());
        try {
            return OPTIONS.writeValueAsString(fields);
        } catch (IOException e) {
            // Records of strings, booleans and lists always serialise; fall back to their toString.
            return fields.toString();
        }
    }

    private static Optional<Set<Path>> inputs(RenderRequest request, Path root) throws IOException {
        Set<Path> files = new TreeSet<>();
        Path appDir = inside(root, root.resolve(request.appPath()));
        if (appDir == null || !Files.isDirectory(appDir)) {
            return Optional.of(files); // the renderer reports the missing dir; its failure is not cached
        }
        switch (request.type()) {
            case DIRECTORY -> {
                if (request.directory().recurse()) {
                    addTree(root, appDir, files);
                } else {
                    try (Stream<Path> list = Files.list(appDir)) {
                        list.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(p))
                                .forEach(files::add);
                    }
                }
            }
            case HELM -> helmInputs(request, root, appDir, files);
            case KUSTOMIZE -> {
                if (!kustomizeInputs(request, root, appDir, files)) {
                    return Optional.empty();
                }
            }
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(files);
    }

    private static void helmInputs(RenderRequest request, Path root, Path chartDir, Set<Path> files) throws IOException {
        Deque<Path> charts = new ArrayDeque<>();
        Set<Path> seen = new HashSet<>();
        charts.add(chartDir);
        while (!charts.isEmpty()) {
            Path chart = charts.poll();
            if (!seen.add(chart)) {
                continue;
            }
            addTree(root, chart, files);
            for (String name : new String[] {"Chart.yaml", "requirements.yaml"}) {
                Path meta = chart.resolve(name);
                if (!Files.isRegularFile(meta)) {
                    continue;
                }
                JsonNode deps;
                try {
                    JsonNode doc = new YamlReader().readTree(meta, name);
                    deps = doc.get("dependencies");
                } catch (ManifestParseException e) {
                    continue; // helm reports the broken file; its content is hashed already
                }
                if (deps != null && deps.isArray()) {
                    for (JsonNode dep : deps) {
                        String repo = dep.path("repository").asText("");
                        if (repo.startsWith("file://")) {
                            Path dir = inside(root, chart.resolve(repo.substring("file://".length())));
                            if (dir != null && Files.isDirectory(dir)) {
                                charts.add(dir);
                            }
                        }
                    }
                }
            }
        }
        for (String entry : request.helm().valueFiles()) {
            addReferenced(root, chartDir, entry, files);
        }
        for (HelmFileParameter parameter : request.helm().fileParameters()) {
            addReferenced(root, chartDir, parameter.path(), files);
        }
    }

    /** A value file or {@code --set-file} path: {@code /x} is from the repo root, globs hash their base dir. */
    private static void addReferenced(Path root, Path chartDir, String entry, Set<Path> files) throws IOException {
        if (entry == null || entry.isBlank() || entry.contains("://")) {
            return;
        }
        String path = entry;
        int glob = firstGlob(path);
        if (glob >= 0) {
            int slash = path.lastIndexOf('/', glob);
            path = slash < 0 ? "." : path.substring(0, slash + 1);
        }
        Path base = path.startsWith("/") ? root.resolve(path.substring(1)) : chartDir.resolve(path);
        Path resolved = inside(root, base);
        if (resolved == null) {
            return;
        }
        if (Files.isDirectory(resolved)) {
            addTree(root, resolved, files);
        } else if (Files.isRegularFile(resolved) || Files.isSymbolicLink(resolved)) {
            files.add(resolved);
        }
    }

    /** Follows the kustomization graph; false when a remote reference may be fetched (not cacheable). */
    private static boolean kustomizeInputs(RenderRequest request, Path root, Path appDir, Set<Path> files)
            throws IOException {
        boolean remoteAllowed = request.kustomize().allowRemoteBases();
        Deque<Path> dirs = new ArrayDeque<>();
        Set<Path> seen = new HashSet<>();
        dirs.add(appDir);
        while (!dirs.isEmpty()) {
            Path dir = dirs.poll();
            if (!seen.add(dir)) {
                continue;
            }
            addTree(root, dir, files);
            Optional<Path> kustomization = KustomizationFile.find(dir);
            if (kustomization.isEmpty()) {
                continue;
            }
            List<KustomizationFile.Ref> refs;
            try {
                refs = KustomizationFile.read(kustomization.get());
            } catch (IOException e) {
                continue; // kustomize reports the broken file; its content is hashed already
            }
            for (KustomizationFile.Ref ref : refs) {
                if (ref.kind() == KustomizationFile.Kind.HELM_CHART) {
                    continue; // charts live under the chart home, a FILE ref or inside dir
                }
                if (ref.kind() == KustomizationFile.Kind.HELM_REPO) {
                    if (remoteAllowed) {
                        return false;
                    }
                    continue;
                }
                Path local = dir.resolve(ref.value()).normalize();
                boolean exists = Files.exists(local, LinkOption.NOFOLLOW_LINKS);
                if (!exists && KustomizationFile.looksRemote(ref.value()) || KustomizationFile.hasRemoteScheme(ref.value())) {
                    if (remoteAllowed) {
                        return false;
                    }
                    continue;
                }
                Path target = inside(root, local);
                if (target == null || !exists) {
                    continue;
                }
                if (Files.isDirectory(target)) {
                    dirs.add(target);
                } else {
                    files.add(target);
                }
            }
        }
        return true;
    }

    private static void addTree(Path root, Path dir, Set<Path> files) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(p -> !p.toString().contains("/.git/") && !p.endsWith(".git"))
                    .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(p))
                    .map(p -> inside(root, p))
                    .filter(p -> p != null)
                    .forEach(files::add);
        }
    }

    /** {@code path} normalised, or null when it lies outside the repo (the renderer refuses those). */
    private static Path inside(Path root, Path path) {
        Path normal = path.toAbsolutePath().normalize();
        return normal.startsWith(root) ? normal : null;
    }

    private static int firstGlob(String path) {
        int index = -1;
        for (char c : new char[] {'*', '?', '['}) {
            int at = path.indexOf(c);
            if (at >= 0 && (index < 0 || at < index)) {
                index = at;
            }
        }
        return index;
    }

    private static void update(MessageDigest digest, String text) {
        byte[] bytes = (text == null ? "\u0000null" : text).getBytes(StandardCharsets.UTF_8);
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
