package dev.guardrails.scanner.render;

import dev.guardrails.scanner.process.ProcessFailure;
import dev.guardrails.scanner.process.ProcessResult;
import dev.guardrails.scanner.process.ProcessRunner;
import dev.guardrails.scanner.process.ProcessSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Renders a kustomization with {@code kubectl kustomize <app dir>}, run from the repo root as Argo CD
 * runs {@code kustomize build}.
 *
 * <p>kustomize's own load restrictor stays at its default ({@code LoadRestrictionsRootOnly}, which
 * already lets overlays use {@code ../base} directories). Users may relax it with
 * {@code --load-restrictor LoadRestrictionsNone} in build options, as many Argo CD setups do; that
 * is safe only because this class first walks the kustomization graph itself and refuses any local
 * reference (resources, bases, components, patches, generator files, crds, helm values...) that
 * leaves the repo, and any remote one unless {@link KustomizeOptions#allowRemoteBases()}. Exec and
 * alpha plugins are never enabled; {@code helmCharts} need {@link KustomizeOptions#enableHelm()}.
 */
public final class KustomizeRenderer implements Renderer {

    private static final Set<String> RESTRICTORS = Set.of("LoadRestrictionsRootOnly", "LoadRestrictionsNone");
    private static final Set<String> VALUED_FLAGS = Set.of("--load-restrictor", "--helm-kube-version",
            "--helm-api-versions");

    private final ToolLocator tools;
    private final RenderLimits limits;
    private final ProcessRunner runner;
    private volatile String version;

    public KustomizeRenderer() {
        this(new ToolLocator(), RenderLimits.defaults(), new ProcessRunner());
    }

    public KustomizeRenderer(ToolLocator tools, RenderLimits limits) {
        this(tools, limits, new ProcessRunner());
    }

    public KustomizeRenderer(ToolLocator tools, RenderLimits limits, ProcessRunner runner) {
        this.tools = tools;
        this.limits = limits;
        this.runner = runner;
    }

    @Override
    public SourceType type() {
        return SourceType.KUSTOMIZE;
    }

    @Override
    public RenderOutput render(RenderRequest request) throws RenderException {
        long start = System.nanoTime();
        PathGuard guard = new PathGuard(request.repoRoot());
        String app = HelmRenderer.describe(request);
        Path appDir = guard.appDirectory(request, app, "directory");
        Path kustomization = KustomizationFile.find(appDir).orElseThrow(() -> new RenderException(
                app + ": no kustomization.yaml, kustomization.yml or Kustomization in '" + request.appPath() + "'"));
        KustomizeOptions options = request.kustomize();
        List<String> flags = checkBuildOptions(options, app);

        boolean usesHelm = walk(guard, appDir, options, app, new HashSet<>());
        Path kubectl = tools.kubectl();

        try (ToolSandbox sandbox = ToolSandbox.create()) {
            // Build through a wrapper kustomization that only adds origin annotations, so every object
            // can be traced to the file it came from (base, overlay or patch target). The wrapper adds no
            // transformers: the output is otherwise identical to building the app directly.
            Path wrapper = sandbox.home().resolve("origin-wrapper");
            String relativeApp = wrapper.relativize(appDir).toString().replace('\\', '/');
            try {
                Files.createDirectories(wrapper);
                Files.writeString(wrapper.resolve("kustomization.yaml"),
                        "resources:\n  - " + relativeApp + "\nbuildMetadata: [originAnnotations]\n");
            } catch (IOException e) {
                throw new RenderException(app + ": cannot prepare the build: " + e.getMessage(), e);
            }
            List<String> argv = new ArrayList<>(List.of(kubectl.toString(), "kustomize", wrapper.toString()));
            argv.addAll(flags);
            if (usesHelm) {
                argv.addAll(List.of("--enable-helm", "--helm-command", tools.helm().toString()));
            }
            ProcessResult result;
            try {
                result = runner.run(new ProcessSpec(argv, guard.root(), sandbox.env(), limits.timeout(),
                        limits.maxOutputBytes(), ProcessSpec.DEFAULT_MAX_STDERR, limits.maxMemoryBytes()));
            } catch (ProcessFailure failure) {
                throw new RenderException(app + ": " + failure.getMessage().replace(relativeApp, request.appPath()),
                        failure);
            }
            String path = guard.relative(kustomization);
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            String text = OriginPaths.toRepoRelative(result.stdoutText(), wrapper, guard);
            return new RenderOutput(List.of(new RenderedFile(path, text, false)), elapsed, toolVersion(kubectl));
        }
    }

    private String toolVersion(Path kubectl) {
        String cached = version;
        if (cached == null) {
            String text = ToolSandbox.version(runner, List.of(kubectl.toString(), "version", "--client"));
            String kustomize = "unknown";
            String client = "unknown";
            for (String line : text.split("\n")) {
                if (line.startsWith("Kustomize Version:")) {
                    kustomize = line.substring("Kustomize Version:".length()).strip();
                } else if (line.startsWith("Client Version:")) {
                    client = line.substring("Client Version:".length()).strip();
                }
            }
            cached = "kustomize " + kustomize + " (kubectl " + client + ")";
            version = cached;
        }
        return cached;
    }

    /**
     * Accepts only flags that cannot run code or reach the network. {@code --enable-helm} is dropped:
     * this class adds it, with the located helm, when the graph has helm charts and they are allowed.
     */
    static List<String> checkBuildOptions(KustomizeOptions options, String app) throws RenderException {
        List<String> tokens = new ArrayList<>();
        for (String option : options.buildOptions()) {
            for (String token : option.strip().split("\\s+")) {
                if (!token.isEmpty()) {
                    tokens.add(token);
                }
            }
        }
        List<String> flags = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            String name = token.contains("=") ? token.substring(0, token.indexOf('=')) : token;
            if (name.equals("--enable-helm")) {
                if (!options.enableHelm()) {
                    throw new RenderException(app + ": build option --enable-helm needs helm charts in kustomize,"
                            + " which are not enabled for this render");
                }
                continue;
            }
            if (!VALUED_FLAGS.contains(name)) {
                throw new RenderException(app + ": kustomize build option '" + token + "' is not allowed;"
                        + " allowed: --load-restrictor, --enable-helm, --helm-kube-version, --helm-api-versions");
            }
            String value;
            if (token.contains("=")) {
                value = token.substring(token.indexOf('=') + 1);
            } else if (i + 1 < tokens.size()) {
                value = tokens.get(++i);
            } else {
                throw new RenderException(app + ": kustomize build option " + name + " needs a value");
            }
            if (name.equals("--load-restrictor") && !RESTRICTORS.contains(value)) {
                throw new RenderException(app + ": unknown load restrictor '" + value + "'");
            }
            flags.add(name + "=" + value);
        }
        return flags;
    }

    /**
     * Walks one kustomization and everything it references.
     *
     * @return true when some kustomization in the graph inflates helm charts
     */
    private static boolean walk(PathGuard guard, Path dir, KustomizeOptions options, String app, Set<Path> visited)
            throws RenderException {
        Path real;
        try {
            real = dir.toRealPath();
        } catch (IOException e) {
            throw new RenderException(app + ": cannot read '" + guard.relative(dir) + "': " + e.getMessage(), e);
        }
        if (!visited.add(real)) {
            return false;
        }
        Path file = KustomizationFile.find(dir).orElseThrow(() -> new RenderException(
                app + ": '" + guard.relative(dir) + "' is referenced as a kustomization but has none"));
        guard.check(file, app + ": kustomization");
        String where = guard.relative(file);
        List<KustomizationFile.Ref> refs;
        try {
            refs = KustomizationFile.read(file);
        } catch (IOException e) {
            throw new RenderException(app + ": cannot parse " + where + ": " + e.getMessage(), e);
        }
        boolean usesHelm = false;
        for (KustomizationFile.Ref ref : refs) {
            String value = ref.value();
            String context = app + ": " + ref.field() + " entry '" + value + "' in " + where;
            switch (ref.kind()) {
                case HELM_CHART -> {
                    if (!options.enableHelm()) {
                        throw new RenderException(context + " inflates a helm chart, which is disabled;"
                                + " add --enable-helm to the kustomize build options to render it");
                    }
                    usesHelm = true;
                }
                case HELM_REPO -> refuseRemote(options, context);
                case TREE, FILE -> {
                    if (KustomizationFile.hasRemoteScheme(value)) {
                        refuseRemote(options, context);
                        continue;
                    }
                    Path target = value.startsWith("/") ? Path.of(value).normalize() : dir.resolve(value).normalize();
                    if (!guard.isInside(target)) {
                        throw new RenderException(context + " resolves outside the repository");
                    }
                    if (!Files.exists(target)) {
                        if (ref.kind() == KustomizationFile.Kind.TREE && KustomizationFile.looksRemote(value)) {
                            refuseRemote(options, context);
                            continue;
                        }
                        throw new RenderException(context + " does not exist");
                    }
                    if (ref.kind() == KustomizationFile.Kind.TREE && Files.isDirectory(target)) {
                        usesHelm |= walk(guard, target, options, app, visited);
                    } else if (Files.isDirectory(target)) {
                        refuseEscapingLinks(guard, target, context);
                    }
                }
                default -> throw new IllegalStateException("unhandled reference kind " + ref.kind());
            }
        }
        return usesHelm;
    }

    private static void refuseRemote(KustomizeOptions options, String context) throws RenderException {
        if (!options.allowRemoteBases()) {
            throw new RenderException(context + " is remote; renders never reach the network, so remote"
                    + " resources are refused: vendor them into the repository");
        }
    }

    /** Chart homes are read wholesale by helm; no link inside may lead out. */
    private static void refuseEscapingLinks(PathGuard guard, Path dir, String context) throws RenderException {
        try (var walk = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                if (Files.isSymbolicLink(path) && !guard.isInside(path)) {
                    throw new RenderException(context + ": symlink '" + guard.relative(path)
                            + "' points outside the repository");
                }
            }
        } catch (IOException e) {
            throw new RenderException(context + ": " + e.getMessage(), e);
        }
    }
}
