package dev.guardrails.scanner.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.parse.ManifestParseException;
import dev.guardrails.scanner.parse.YamlReader;
import dev.guardrails.scanner.process.ProcessFailure;
import dev.guardrails.scanner.process.ProcessResult;
import dev.guardrails.scanner.process.ProcessRunner;
import dev.guardrails.scanner.process.ProcessSpec;
import dev.guardrails.scanner.workspace.TempTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Renders a Helm chart with {@code helm template}, building the command line the way Argo CD does
 * ({@code reposerver/repository/repository.go} {@code helmTemplate}, {@code util/helm/cmd.go}).
 *
 * <p>Before helm runs, every file the command will read is checked against the repo root: value
 * files, {@code --set-file} paths, symlinks inside the chart and local ({@code file://})
 * dependencies. Remote value files and non-vendored remote dependencies are refused: a scan is
 * offline. Missing local dependencies are assembled in a temporary copy of the chart, never in the
 * checkout, which stays untouched.
 *
 * <p>The output is split by helm's {@code # Source: <chart>/templates/x.yaml} comments into one
 * {@link RenderedFile} per template, named by its path in the repo.
 */
public final class HelmRenderer implements Renderer {

    private static final String SOURCE_PREFIX = "# Source: ";
    private static final int MAX_RELEASE_NAME = 53;

    private final ToolLocator tools;
    private final RenderLimits limits;
    private final ProcessRunner runner;
    private volatile String version;

    public HelmRenderer() {
        this(new ToolLocator(), RenderLimits.defaults(), new ProcessRunner());
    }

    public HelmRenderer(ToolLocator tools, RenderLimits limits) {
        this(tools, limits, new ProcessRunner());
    }

    public HelmRenderer(ToolLocator tools, RenderLimits limits, ProcessRunner runner) {
        this.tools = tools;
        this.limits = limits;
        this.runner = runner;
    }

    @Override
    public SourceType type() {
        return SourceType.HELM;
    }

    @Override
    public RenderOutput render(RenderRequest request) throws RenderException {
        long start = System.nanoTime();
        PathGuard guard = new PathGuard(request.repoRoot());
        String app = describe(request);
        Path chartDir = guard.appDirectory(request, app, "chart directory");
        if (!Files.isRegularFile(chartDir.resolve("Chart.yaml"))) {
            throw new RenderException(app + ": no Chart.yaml in '" + request.appPath() + "'");
        }
        refuseEscapingLinks(guard, chartDir, app);

        HelmOptions options = request.helm();
        List<Path> valueFiles = resolveValueFiles(guard, chartDir, options, app);
        List<String> fileArgs = new ArrayList<>();
        for (HelmFileParameter parameter : options.fileParameters()) {
            Path file = guard.resolve(chartDir, parameter.path(), "--set-file path for '" + parameter.name() + "'");
            if (!Files.isRegularFile(file)) {
                throw new RenderException(app + ": --set-file path '" + parameter.path() + "' for '"
                        + parameter.name() + "' does not exist");
            }
            fileArgs.add(parameter.name() + "=" + file);
        }
        Map<String, String> localDeps = new LinkedHashMap<>();
        List<LocalDependency> missing = missingDependencies(guard, chartDir, app);
        Path helm = tools.helm();

        try (ToolSandbox sandbox = ToolSandbox.create()) {
            Path workDir = chartDir;
            if (!missing.isEmpty()) {
                workDir = assembleChart(chartDir, missing, sandbox.home().resolve("chart"), app);
                for (LocalDependency dep : missing) {
                    localDeps.put(dep.chartName(), guard.relative(dep.dir()));
                }
            }
            List<String> argv = new ArrayList<>(List.of(helm.toString(), "template", ".",
                    "--name-template", releaseName(request)));
            if (request.namespace() != null && !request.namespace().isBlank()) {
                argv.addAll(List.of("--namespace", request.namespace()));
            }
            if (options.kubeVersion() != null && !options.kubeVersion().isBlank()) {
                argv.addAll(List.of("--kube-version", options.kubeVersion()));
            }
            for (String apiVersion : options.apiVersions()) {
                argv.addAll(List.of("--api-versions", apiVersion));
            }
            for (Path file : valueFiles) {
                argv.addAll(List.of("--values", file.toString()));
            }
            if (options.valuesYaml() != null && !options.valuesYaml().isBlank()) {
                Path inline = sandbox.home().resolve("inline-values.yaml");
                try {
                    Files.writeString(inline, options.valuesYaml(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new RenderException(app + ": could not write inline values: " + e.getMessage(), e);
                }
                argv.addAll(List.of("--values", inline.toString()));
            }
            for (HelmParameter parameter : options.parameters()) {
                argv.addAll(List.of(parameter.forceString() ? "--set-string" : "--set",
                        parameter.name() + "=" + escapeSetValue(parameter.value())));
            }
            for (String fileArg : fileArgs) {
                argv.addAll(List.of("--set-file", fileArg));
            }
            if (!options.skipCrds()) {
                argv.add("--include-crds");
            }
            if (options.skipTests()) {
                argv.add("--skip-tests");
            }
            if (options.skipSchemaValidation()) {
                argv.add("--skip-schema-validation");
            }

            ProcessResult result;
            try {
                result = runner.run(new ProcessSpec(argv, workDir, sandbox.env(), limits.timeout(),
                        limits.maxOutputBytes(), ProcessSpec.DEFAULT_MAX_STDERR, limits.maxMemoryBytes()));
            } catch (ProcessFailure failure) {
                throw new RenderException(app + ": " + failure.getMessage(), failure);
            }
            List<RenderedFile> files = splitBySource(result.stdoutText(), request.appPath(), localDeps);
            List<RenderedFile> rerendered = List.of();
            if (GeneratedValues.mayGenerate(chartDir)
                    || missing.stream().anyMatch(dep -> GeneratedValues.mayGenerate(dep.dir()))) {
                // Render again: what differs is made by helm at render time (randAlphaNum, genCA...),
                // not committed to Git. Checks use it to tell the two apart.
                try {
                    ProcessResult again = runner.run(new ProcessSpec(argv, workDir, sandbox.env(), limits.timeout(),
                            limits.maxOutputBytes(), ProcessSpec.DEFAULT_MAX_STDERR));
                    rerendered = splitBySource(again.stdoutText(), request.appPath(), localDeps);
                } catch (ProcessFailure failure) {
                    throw new RenderException(app + ": " + failure.getMessage(), failure);
                }
            }
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            return new RenderOutput(files, elapsed, toolVersion(helm), List.of(), rerendered);
        }
    }

    /** Helm's version, e.g. {@code helm v4.1.4+g05fa379}, asked once per renderer. */
    private String toolVersion(Path helm) {
        String cached = version;
        if (cached == null) {
            cached = "helm " + ToolSandbox.version(runner, List.of(helm.toString(), "version", "--short"));
            version = cached;
        }
        return cached;
    }

    static String describe(RenderRequest request) {
        return request.type().id() + " app '" + request.appName() + "' (" + request.appPath() + ")";
    }

    /**
     * The explicit release name, or one derived from the app name. Discovered app names are paths
     * ({@code apps/web@prod}), which helm would reject, so the derived name is cut down to a DNS label.
     */
    static String releaseName(RenderRequest request) {
        String explicit = request.helm().releaseName();
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        String name = request.appName().toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9-]+", "-")
                .replaceAll("-{2,}", "-")
                .replaceAll("^-+", "");
        if (name.length() > MAX_RELEASE_NAME) {
            name = name.substring(0, MAX_RELEASE_NAME);
        }
        name = name.replaceAll("-+$", "");
        return name.isEmpty() ? "release" : name;
    }

    /**
     * Escapes commas as Argo CD does ({@code cleanSetParameters}), so a value with a comma stays one
     * value; {@code {a,b}} list syntax is passed as written.
     */
    static String escapeSetValue(String value) {
        if (value.startsWith("{") && value.endsWith("}")) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' && (i == 0 || value.charAt(i - 1) != '\\')) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static List<Path> resolveValueFiles(PathGuard guard, Path chartDir, HelmOptions options, String app)
            throws RenderException {
        List<Path> resolved = new ArrayList<>();
        for (String entry : options.valueFiles()) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            if (entry.contains("://")) {
                throw new RenderException(app + ": remote value file '" + entry
                        + "' is not supported: scans run offline; commit the file to the repo");
            }
            List<Path> matches = hasGlob(entry)
                    ? expandGlob(guard, chartDir, entry)
                    : List.of(guard.resolve(chartDir, entry, app + ": value file"));
            List<Path> existing = new ArrayList<>();
            for (Path match : matches) {
                guard.check(match, app + ": value file");
                if (Files.isRegularFile(match)) {
                    existing.add(match);
                }
            }
            if (existing.isEmpty() && !options.ignoreMissingValueFiles()) {
                throw new RenderException(app + ": value file '" + entry + "' does not exist"
                        + " (set ignoreMissingValueFiles to skip missing files)");
            }
            resolved.addAll(existing);
        }
        return resolved;
    }

    private static boolean hasGlob(String path) {
        return path.indexOf('*') >= 0 || path.indexOf('?') >= 0 || path.indexOf('[') >= 0;
    }

    /** Expands a value-file glob lexically, like Go's {@code filepath.Glob} (no {@code **}). */
    private static List<Path> expandGlob(PathGuard guard, Path chartDir, String pattern) throws RenderException {
        int firstGlob = indexOfGlob(pattern);
        int slash = pattern.lastIndexOf('/', firstGlob);
        String fixed = slash < 0 ? "" : pattern.substring(0, slash + 1);
        String rest = pattern.substring(slash + 1);
        Path base = fixed.isEmpty() ? chartDir : guard.resolve(chartDir, fixed, "value file glob base");
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        Glob glob = Glob.segmented(rest);
        try (Stream<Path> walk = Files.walk(base)) {
            return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(p))
                    .filter(p -> glob.matches(base.relativize(p).toString().replace('\\', '/')))
                    .map(p -> p.toAbsolutePath().normalize())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new RenderException("could not expand value file glob '" + pattern + "': " + e.getMessage(), e);
        }
    }

    private static int indexOfGlob(String path) {
        int index = path.length();
        for (char c : new char[] {'*', '?', '['}) {
            int at = path.indexOf(c);
            if (at >= 0) {
                index = Math.min(index, at);
            }
        }
        return index;
    }

    /** Helm follows symlinks inside a chart (templates, {@code .Files}); none may lead out of the repo. */
    private static void refuseEscapingLinks(PathGuard guard, Path chartDir, String app) throws RenderException {
        try (Stream<Path> walk = Files.walk(chartDir)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                if (Files.isSymbolicLink(path) && !guard.isInside(path)) {
                    throw new RenderException(app + ": symlink '" + guard.relative(path)
                            + "' in the chart points outside the repository");
                }
            }
        } catch (IOException e) {
            throw new RenderException(app + ": could not read chart directory: " + e.getMessage(), e);
        }
    }

    /** A {@code file://} dependency that is not vendored in {@code charts/}. */
    private record LocalDependency(String chartName, Path dir) {
    }

    /**
     * Dependencies declared in Chart.yaml (or a v1 requirements.yaml) that are not in {@code charts/}.
     * Only local ones can be supplied; anything else would need the network.
     */
    private static List<LocalDependency> missingDependencies(PathGuard guard, Path chartDir, String app)
            throws RenderException {
        List<JsonNode> declared = new ArrayList<>();
        for (String file : List.of("Chart.yaml", "requirements.yaml")) {
            Path path = chartDir.resolve(file);
            if (!Files.isRegularFile(path)) {
                continue;
            }
            try {
                JsonNode root = new YamlReader().readTree(guard.check(path, file), file);
                JsonNode deps = root.get("dependencies");
                if (deps != null && deps.isArray()) {
                    deps.forEach(declared::add);
                }
            } catch (ManifestParseException e) {
                throw new RenderException(app + ": could not read " + e.getMessage(), e);
            }
        }
        List<LocalDependency> missing = new ArrayList<>();
        Path chartsDir = chartDir.resolve("charts");
        for (JsonNode dep : declared) {
            String name = dep.path("name").asText("");
            if (name.isEmpty() || isVendored(chartsDir, name)) {
                continue;
            }
            String repository = dep.path("repository").asText("");
            if (!repository.startsWith("file://")) {
                throw new RenderException(app + ": dependency '" + name + "' from '" + repository
                        + "' is not vendored in charts/; scans run offline, so run `helm dependency build`"
                        + " and commit charts/");
            }
            Path dir = guard.resolve(chartDir, repository.substring("file://".length()),
                    app + ": local dependency '" + name + "'");
            if (!Files.isRegularFile(dir.resolve("Chart.yaml"))) {
                throw new RenderException(app + ": local dependency '" + name + "' (" + repository
                        + ") has no Chart.yaml");
            }
            refuseEscapingLinks(guard, dir, app);
            String alias = dep.path("alias").asText("");
            missing.add(new LocalDependency(alias.isEmpty() ? name : alias, dir));
        }
        return missing;
    }

    private static boolean isVendored(Path chartsDir, String name) {
        if (!Files.isDirectory(chartsDir)) {
            return false;
        }
        if (Files.isRegularFile(chartsDir.resolve(name).resolve("Chart.yaml"))) {
            return true;
        }
        try (Stream<Path> entries = Files.list(chartsDir)) {
            return entries.map(p -> p.getFileName().toString())
                    .anyMatch(f -> f.startsWith(name + "-") && f.endsWith(".tgz"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Copies the chart to {@code target} and puts each missing local dependency into its
     * {@code charts/}, which is what {@code helm dependency build} would do for {@code file://}
     * dependencies, without writing into the checkout.
     */
    private static Path assembleChart(Path chartDir, List<LocalDependency> deps, Path target, String app)
            throws RenderException {
        try {
            copyTree(chartDir, target);
            for (LocalDependency dep : deps) {
                Path into = target.resolve("charts").resolve(dep.chartName());
                if (Files.exists(into)) {
                    TempTrees.deleteQuietly(into);
                }
                copyTree(dep.dir(), into);
            }
            return target;
        } catch (IOException e) {
            throw new RenderException(app + ": could not assemble local chart dependencies: " + e.getMessage(), e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from, FileVisitOption.FOLLOW_LINKS)) {
            for (Path source : (Iterable<Path>) walk::iterator) {
                Path dest = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                } else {
                    Files.createDirectories(dest.getParent());
                    Files.copy(source, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /**
     * Splits helm's output into one file per {@code # Source:} path. Documents keep helm's order
     * within a file; files appear in the order helm first printed them.
     */
    static List<RenderedFile> splitBySource(String output, String appPath, Map<String, String> localDeps) {
        Map<String, StringBuilder> byPath = new LinkedHashMap<>();
        String fallback = RepoPaths.join(appPath, "Chart.yaml");
        for (String document : documents(output)) {
            if (document.isBlank()) {
                continue;
            }
            String path = fallback;
            for (String line : document.split("\n", -1)) {
                if (line.startsWith(SOURCE_PREFIX)) {
                    path = mapSource(line.substring(SOURCE_PREFIX.length()).strip(), appPath, localDeps);
                    break;
                }
            }
            byPath.computeIfAbsent(path, k -> new StringBuilder()).append("---\n").append(document);
        }
        List<RenderedFile> files = new ArrayList<>();
        byPath.forEach((path, content) -> files.add(new RenderedFile(path, content.toString(), false)));
        return files;
    }

    private static List<String> documents(String output) {
        List<String> documents = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : output.split("\n", -1)) {
            if (line.equals("---") || line.startsWith("--- ")) {
                documents.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(line).append('\n');
        }
        documents.add(current.toString());
        return documents;
    }

    /**
     * Maps {@code <chart>/templates/x.yaml} to {@code <appPath>/templates/x.yaml} and
     * {@code <chart>/charts/<sub>/templates/y.yaml} to {@code <appPath>/charts/<sub>/templates/y.yaml},
     * or to the local dependency's own directory when it came from {@code file://}.
     */
    static String mapSource(String source, String appPath, Map<String, String> localDeps) {
        String[] segments = source.split("/");
        if (segments.length < 2) {
            return RepoPaths.join(appPath, source);
        }
        String base = appPath;
        int i = 1;
        boolean top = true;
        while (i + 2 < segments.length && segments[i].equals("charts")) {
            String sub = segments[i + 1];
            base = top && localDeps.containsKey(sub) ? localDeps.get(sub) : RepoPaths.join(base, "charts/" + sub);
            top = false;
            i += 2;
        }
        return RepoPaths.join(base, String.join("/", List.of(segments).subList(i, segments.length)));
    }
}
