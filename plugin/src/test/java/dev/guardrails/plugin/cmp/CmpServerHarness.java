package dev.guardrails.plugin.cmp;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Imitates {@code argocd-cmp-server} for one GenerateManifest call (Argo CD 3.x,
 * {@code cmpserver/plugin/plugin.go}, {@code util/io/files/tar.go}, gitops-engine
 * {@code SplitYAMLToString}): validate {@code plugin.yaml}, copy the repo into a fresh
 * {@code <tmp>/_cmp_server/<uuid>} (0700; files 0644, dirs 0755; in-tree symlinks only), run
 * {@code init} then {@code generate} as bare argv in the app dir with base env + request env, kill
 * the process group at the deadline (SIGTERM, SIGKILL 5 s later), and parse stdout as Argo CD does.
 *
 * <p>{@code argv[0]} is looked up on the base env's {@code PATH}, as the sidecar's own environment
 * decides which {@code sh} runs.
 */
final class CmpServerHarness {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Duration KILL_GRACE = Duration.ofSeconds(5);
    private static final Duration TIMEOUT_BUFFER = Duration.ofMillis(100);
    private static final Pattern NEEDS_QUOTES = Pattern.compile("[^A-Za-z0-9_@%+=:,./-]");

    /** The parsed plugin.yaml parts the harness needs. */
    record PluginConfig(String name, String version, List<String> init, List<String> generate) {
    }

    /** What Argo CD would have received: manifests, plus the plugin's stderr (sidecar log only). */
    record Generated(List<ObjectNode> manifests, String stderr) {
    }

    /** A failed generate, with Argo CD's message text. */
    static final class CmpFailure extends Exception {
        private static final long serialVersionUID = 1L;

        CmpFailure(String message) {
            super(message);
        }
    }

    private final PluginConfig plugin;
    private final Map<String, String> baseEnv;
    private final Path tmpDir;
    private final Duration deadline;

    CmpServerHarness(Path pluginYaml, Map<String, String> baseEnv, Path tmpDir, Duration deadline) throws CmpFailure {
        this.plugin = load(pluginYaml);
        this.baseEnv = new LinkedHashMap<>(baseEnv);
        this.tmpDir = tmpDir;
        this.deadline = deadline;
    }

    PluginConfig plugin() {
        return plugin;
    }

    /** Loads and validates plugin.yaml: kind, metadata.name and generate.command are required. */
    static PluginConfig load(Path pluginYaml) throws CmpFailure {
        JsonNode root;
        try {
            root = YAML.readTree(pluginYaml.toFile());
        } catch (IOException e) {
            throw new CmpFailure("error reading plugin config: " + e.getMessage());
        }
        if (root == null || !"ConfigManagementPlugin".equals(root.path("kind").asText())) {
            throw new CmpFailure("invalid plugin configuration file. kind should be ConfigManagementPlugin, found "
                    + (root == null ? "" : root.path("kind").asText()));
        }
        String name = root.path("metadata").path("name").asText("");
        if (name.isEmpty()) {
            throw new CmpFailure("invalid plugin configuration file. metadata.name should be non-empty.");
        }
        List<String> generate = argv(root.path("spec").path("generate"));
        if (root.path("spec").path("generate").path("command").isEmpty()) {
            throw new CmpFailure("invalid plugin configuration file. spec.generate should have command");
        }
        return new PluginConfig(name, root.path("spec").path("version").asText(""),
                argv(root.path("spec").path("init")), generate);
    }

    private static List<String> argv(JsonNode command) {
        List<String> out = new ArrayList<>();
        command.path("command").forEach(n -> out.add(n.asText()));
        command.path("args").forEach(n -> out.add(n.asText()));
        return out;
    }

    /**
     * One GenerateManifest call.
     *
     * @param repo       the repo checkout to "tar" over
     * @param appRelPath the Application's source path
     * @param argoEnv    the request env (ARGOCD_APP_*, KUBE_*, ARGOCD_ENV_*, ARGOCD_APP_PARAMETERS)
     */
    Generated generate(Path repo, String appRelPath, Map<String, String> argoEnv) throws CmpFailure, IOException {
        Path root = tmpDir.resolve("_cmp_server");
        Files.createDirectories(root);
        Path workdir = root.resolve(UUID.randomUUID().toString());
        Files.createDirectory(workdir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            copyTree(repo, workdir);
            Path appDir = workdir.resolve(appRelPath).normalize();
            if (!appDir.startsWith(workdir)) {
                throw new CmpFailure("illegal appPath: out of workDir bound");
            }
            Map<String, String> env = new LinkedHashMap<>(baseEnv);
            env.putAll(argoEnv); // request entries last: they win, as Go keeps the last duplicate
            long until = System.nanoTime() + deadline.minus(TIMEOUT_BUFFER).toNanos();
            if (!plugin.init().isEmpty()) {
                run(plugin.init(), appDir, env, until);
            }
            Result r = run(plugin.generate(), appDir, env, until);
            return new Generated(parse(r.stdout()), r.stderr());
        } finally {
            deleteTree(workdir);
        }
    }

    private record Result(String stdout, String stderr) {
    }

    private Result run(List<String> argv, Path dir, Map<String, String> env, long untilNanos)
            throws CmpFailure, IOException {
        List<String> command = new ArrayList<>();
        command.add("setsid"); // own process group (session), like Setpgid in plugin_unix.go
        command.add(resolve(argv.get(0), env));
        command.addAll(argv.subList(1, argv.size()));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<byte[]> out = drain(p.getInputStream());
        CompletableFuture<byte[]> err = drain(p.getErrorStream());
        boolean exited;
        try {
            exited = p.waitFor(Math.max(0, untilNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (!exited) {
                signalGroup(p.pid(), "TERM");
                if (!p.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    signalGroup(p.pid(), "KILL");
                    p.waitFor();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            signalGroup(p.pid(), "KILL");
            throw new CmpFailure("interrupted");
        }
        String stdout = new String(out.join(), StandardCharsets.UTF_8);
        String stderr = new String(err.join(), StandardCharsets.UTF_8);
        if (!exited) {
            throw new CmpFailure("context deadline exceeded: `" + line(argv) + "` killed; stderr: " + stderr.strip());
        }
        if (p.exitValue() != 0) {
            throw new CmpFailure("`" + line(argv) + "` failed exit status " + p.exitValue() + ": " + stderr.strip());
        }
        if (stdout.endsWith("\n")) {
            stdout = stdout.substring(0, stdout.length() - 1); // one trailing newline is trimmed
        }
        return new Result(stdout, stderr);
    }

    private static String resolve(String program, Map<String, String> env) {
        if (program.contains("/")) {
            return program;
        }
        for (String dir : env.getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return candidate.toString();
            }
        }
        return program;
    }

    private static void signalGroup(long pid, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, "--", "-" + pid).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static CompletableFuture<byte[]> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in; ByteArrayOutputStream buf = new ByteArrayOutputStream()) {
                in.transferTo(buf);
                return buf.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Parses stdout like gitops-engine's {@code SplitYAMLToString} plus the repo-server's List
     * flattening: input starting with {@code {} is a JSON object stream, else a YAML stream; empty
     * and null documents are dropped; anything else that is not an object fails.
     */
    static List<ObjectNode> parse(String stdout) throws CmpFailure {
        List<JsonNode> docs = new ArrayList<>();
        try {
            if (stdout.stripLeading().startsWith("{")) {
                try (MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class)
                        .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                        .readValues(stdout)) {
                    while (it.hasNextValue()) {
                        docs.add(it.nextValue());
                    }
                }
            } else {
                JsonParser parser = YAML.getFactory().createParser(stdout);
                try (MappingIterator<JsonNode> it = YAML.readValues(parser, JsonNode.class)) {
                    while (it.hasNextValue()) {
                        docs.add(it.nextValue());
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new CmpFailure("failed to unmarshal manifest: " + e.getMessage());
        }
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode doc : docs) {
            if (doc == null || doc.isNull() || doc.isMissingNode() || (doc.isTextual() && doc.asText().isBlank())) {
                continue;
            }
            if (!doc.isObject()) {
                throw new CmpFailure("failed to unmarshal manifest: document is a " + doc.getNodeType());
            }
            if (doc.path("kind").asText().endsWith("List") && doc.path("items").isArray()) {
                for (JsonNode item : doc.path("items")) {
                    if (!item.isObject()) {
                        throw new CmpFailure("failed to unmarshal manifest: List item is a " + item.getNodeType());
                    }
                    out.add((ObjectNode) item);
                }
            } else {
                out.add((ObjectNode) doc);
            }
        }
        return out;
    }

    /** Copies like the tar round trip: 0644 files, 0755 dirs, symlinks kept only when they stay inside. */
    static void copyTree(Path from, Path to) throws IOException, CmpFailure {
        Path src = from.toRealPath();
        List<Path> outside = new ArrayList<>();
        Files.walkFileTree(src, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(src.relativize(dir).toString());
                Files.createDirectories(target);
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(src.relativize(file).toString());
                if (attrs.isSymbolicLink()) {
                    Path link = Files.readSymbolicLink(file);
                    Path resolved = file.getParent().resolve(link).normalize();
                    if (link.isAbsolute() || !resolved.startsWith(src)) {
                        outside.add(src.relativize(file));
                        return FileVisitResult.CONTINUE;
                    }
                    Files.createSymbolicLink(target, link);
                    return FileVisitResult.CONTINUE;
                }
                Files.copy(file, target, LinkOption.NOFOLLOW_LINKS);
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
                return FileVisitResult.CONTINUE;
            }
        });
        if (!outside.isEmpty()) {
            throw new CmpFailure("illegal filepath in symlink: " + outside);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static String line(List<String> argv) {
        return argv.stream().map(a -> !a.isEmpty() && !NEEDS_QUOTES.matcher(a).find() ? a
                : "'" + a.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
    }
}
