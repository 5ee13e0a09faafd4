package dev.guardrails.argocd.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.guardrails.scanner.config.GuardrailsConfig;
import dev.guardrails.scanner.engine.AppTarget;
import dev.guardrails.scanner.engine.PlatformRules;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.render.DirectoryOptions;
import dev.guardrails.scanner.render.HelmFileParameter;
import dev.guardrails.scanner.render.HelmOptions;
import dev.guardrails.scanner.render.HelmParameter;
import dev.guardrails.scanner.render.KustomizationFile;
import dev.guardrails.scanner.render.KustomizeOptions;
import dev.guardrails.scanner.render.PathGuard;
import dev.guardrails.scanner.render.RenderException;
import dev.guardrails.scanner.render.RenderRequest;
import dev.guardrails.scanner.render.SourceType;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Turns an Application into the render requests Argo CD's repo-server would run
 * ({@code GenerateManifests}): override files merged, source type chosen, helm flags and kustomize
 * edits derived, one {@link AppTarget} per rendering source. What cannot be rendered offline, or
 * would fail in Argo CD too, becomes a {@link PlanNote}.
 *
 * <p>Paths are passed through as written (value files relative to the chart, {@code /x} from the
 * repo root, {@code $ref/x} translated to {@code /x}); the renderers' path guard refuses anything
 * that leaves the repo.
 */
public final class ApplicationMapper {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path repoRoot;
    private final Predicate<String> isThisRepo;
    private final GuardrailsConfig config;
    private final String revision;
    private final RepoCopies copies;

    /**
     * @param repoRoot   the checkout
     * @param isThisRepo which repoURLs name the checkout
     * @param config     the policy: its kubeVersion is the cluster version, its namespace the fallback
     * @param revision   the commit scanned ({@code ARGOCD_APP_REVISION}); may be empty
     * @param copies     where kustomize edits are made
     */
    public ApplicationMapper(Path repoRoot, Predicate<String> isThisRepo, GuardrailsConfig config, String revision,
                             RepoCopies copies) {
        this.repoRoot = repoRoot.toAbsolutePath().normalize();
        this.isThisRepo = isThisRepo;
        this.config = config;
        this.revision = revision == null ? "" : revision;
        this.copies = copies;
    }

    /**
     * The result for one Application.
     *
     * @param targets    one per rendered source
     * @param notes      skipped sources, ignored options, errors
     * @param pointsHere true when at least one source is a path in this repo
     */
    public record Mapping(List<AppTarget> targets, List<PlanNote> notes, boolean pointsHere) {
    }

    /** Maps one Application. Never throws for a bad app: that is an {@link PlanNote.Level#INVALID} note. */
    public Mapping map(Application app) {
        List<AppTarget> targets = new ArrayList<>();
        List<PlanNote> notes = new ArrayList<>();
        String where = app.origin().toString();
        Map<String, ApplicationSource> refs = new HashMap<>();
        List<ApplicationSource> rendering = new ArrayList<>();
        boolean pointsHere = false;
        for (ApplicationSource s : app.sources()) {
            if (s.ref() != null && !s.ref().isBlank()) {
                refs.put("$" + s.ref(), s);
                pointsHere |= isThisRepo.test(s.repoURL()) && !s.helmRepositoryChart();
            }
            if (!s.refOnly()) {
                rendering.add(s);
            }
        }
        boolean single = rendering.size() == 1;
        for (ApplicationSource source : rendering) {
            String label = single ? "" : "source " + source.index() + ": ";
            String targetName = single ? app.name() : app.name() + "#" + source.index();
            if (source.helmRepositoryChart()) {
                notes.add(skip(PlatformRules.SOURCE_UNAVAILABLE, app, where, label + "chart '" + source.chart() + "' from "
                        + source.repoURL() + " is not rendered: Helm repositories are not available offline"));
                continue;
            }
            if (!isThisRepo.test(source.repoURL())) {
                notes.add(skip(PlatformRules.SOURCE_UNAVAILABLE, app, where, label + source.repoURL()
                        + " is not this repository and is not available offline"));
                continue;
            }
            pointsHere = true;
            try {
                mapSource(app, source, targetName, label, refs, targets, notes);
            } catch (InvalidApplicationException e) {
                notes.add(note(PlanNote.Level.INVALID, app, where, label + stripApp(e.getMessage(), app)));
            } catch (IOException e) {
                notes.add(note(PlanNote.Level.INVALID, app, where, label + "could not prepare the render: "
                        + e.getMessage()));
            }
        }
        return new Mapping(targets, notes, pointsHere);
    }

    private void mapSource(Application app, ApplicationSource written, String targetName, String label,
                           Map<String, ApplicationSource> refs, List<AppTarget> targets, List<PlanNote> notes)
            throws InvalidApplicationException, IOException {
        String where = app.origin().toString();
        SourceOverrides.Merged merged = SourceOverrides.apply(repoRoot, app, written);
        ApplicationSource source = merged.source();
        String path = source.path() == null || source.path().isBlank() ? "." : source.path();
        String kube = config.settings().kubeVersion() + ".0";
        BuildEnv env = BuildEnv.of(app, source, revision, kube);
        Optional<ApplicationSource.Kind> explicit = source.explicitType();
        ApplicationSource.Kind kind = explicit.isPresent() ? explicit.get() : detect(path);
        String namespace = blank(app.destination().namespace()) ? config.namespace() : app.destination().namespace();
        switch (kind) {
            case PLUGIN -> notes.add(skip(PlatformRules.SOURCE_UNSUPPORTED, app, where, label + "not rendered: rendered by a CMP"
                    + (source.plugin().name() == null ? "" : " (plugin '" + source.plugin().name() + "')")));
            case HELM -> {
                Optional<HelmOptions> helm = helmOptions(app, source, refs, env, kube, label, notes);
                if (helm.isPresent()) {
                    String ns = source.helm() != null && !blank(source.helm().namespace())
                            ? source.helm().namespace() : namespace;
                    targets.add(new AppTarget(targetName, path, new RenderRequest(repoRoot, path, SourceType.HELM,
                            targetName, ns, helm.get(), KustomizeOptions.defaults(), DirectoryOptions.defaults())));
                }
            }
            case KUSTOMIZE -> {
                Path root = repoRoot;
                ApplicationSource.Kustomize k = source.kustomize();
                if (k != null && !k.noEdits()) {
                    root = editedCopy(path, k, env).orElse(repoRoot);
                }
                targets.add(new AppTarget(targetName, path, new RenderRequest(root, path, SourceType.KUSTOMIZE,
                        targetName, namespace, null, KustomizeOptions.defaults(), null)));
            }
            case DIRECTORY -> {
                ApplicationSource.Directory d = source.directory();
                DirectoryOptions options = d == null ? DirectoryOptions.defaults()
                        : new DirectoryOptions(d.recurse(), d.include(), d.exclude());
                if (d != null && d.jsonnet()) {
                    notes.add(note(PlanNote.Level.INFO, app, where, label
                            + "directory.jsonnet is ignored: .jsonnet files are not evaluated"));
                }
                targets.add(new AppTarget(targetName, path, new RenderRequest(repoRoot, path, SourceType.DIRECTORY,
                        targetName, namespace, null, null, options)));
            }
            default -> throw new IllegalStateException("unknown source kind " + kind);
        }
    }

    /**
     * Argo CD's detection at the app root: files are visited in lexical order and the last match
     * wins, a name ending in {@code Chart.yaml} meaning Helm and a kustomization file Kustomize.
     */
    ApplicationSource.Kind detect(String path) {
        Path dir;
        try {
            dir = new PathGuard(repoRoot).resolveInRepo(path, "app path");
        } catch (RenderException e) {
            return ApplicationSource.Kind.DIRECTORY; // the renderer reports the path
        }
        ApplicationSource.Kind kind = ApplicationSource.Kind.DIRECTORY;
        if (!Files.isDirectory(dir)) {
            return kind;
        }
        TreeSet<String> names = new TreeSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (Files.isRegularFile(entry)) {
                    names.add(entry.getFileName().toString());
                }
            }
        } catch (IOException e) {
            return kind;
        }
        for (String name : names) {
            if (name.endsWith("Chart.yaml")) {
                kind = ApplicationSource.Kind.HELM;
            }
            if (KustomizationFile.NAMES.contains(name)) {
                kind = ApplicationSource.Kind.KUSTOMIZE;
            }
        }
        return kind;
    }

    private Optional<HelmOptions> helmOptions(Application app, ApplicationSource source,
                                              Map<String, ApplicationSource> refs, BuildEnv env, String kube,
                                              String label, List<PlanNote> notes) throws InvalidApplicationException {
        ApplicationSource.Helm h = source.helm();
        String where = app.origin().toString();
        String release = h != null && !blank(h.releaseName()) ? h.releaseName() : app.name();
        if (h == null) {
            return Optional.of(new HelmOptions(release, List.of(), null, List.of(), List.of(), false, false, false,
                    false, kube, List.of()));
        }
        List<String> valueFiles = new ArrayList<>();
        for (String raw : h.valueFiles()) {
            Resolved r = resolvePath(raw, refs, env);
            if (r.unavailable() != null) {
                notes.add(skip(PlatformRules.SOURCE_UNAVAILABLE, app, where, label + "not rendered: " + r.unavailable()));
                return Optional.empty();
            }
            valueFiles.add(r.path());
        }
        List<HelmFileParameter> fileParameters = new ArrayList<>();
        for (ApplicationSource.Helm.FileParameter p : h.fileParameters()) {
            Resolved r = resolvePath(p.path(), refs, env);
            if (r.unavailable() != null) {
                notes.add(skip(PlatformRules.SOURCE_UNAVAILABLE, app, where, label + "not rendered: " + r.unavailable()));
                return Optional.empty();
            }
            fileParameters.add(new HelmFileParameter(p.name(), r.path()));
        }
        List<HelmParameter> parameters = new ArrayList<>();
        for (ApplicationSource.Helm.Parameter p : h.parameters()) {
            parameters.add(new HelmParameter(p.name(), env.substitute(p.value()), p.forceString()));
        }
        String values = h.values();
        if (h.valuesObject() != null) {
            try {
                values = YAML.writeValueAsString(h.valuesObject());
            } catch (JsonProcessingException e) {
                throw new InvalidApplicationException("helm.valuesObject cannot be written: " + e.getMessage());
            }
        }
        return Optional.of(new HelmOptions(release, valueFiles, values, parameters, fileParameters, h.skipCrds(),
                h.skipTests(), h.skipSchemaValidation(), h.ignoreMissingValueFiles(),
                blank(h.kubeVersion()) ? kube : h.kubeVersion(), h.apiVersions()));
    }

    /** A value-file or {@code --set-file} path for the renderer, or why it cannot be read offline. */
    private record Resolved(String path, String unavailable) {
    }

    /**
     * As Argo CD's {@code getResolvedValueFiles}: a {@code $ref/...} prefix naming a ref source is
     * resolved from that source's repo root (here: {@code /...}); otherwise the path is
     * env-substituted and read relative to the chart ({@code /x}: from the repo root).
     */
    private Resolved resolvePath(String raw, Map<String, ApplicationSource> refs, BuildEnv env) {
        if (raw.startsWith("$")) {
            int slash = raw.indexOf('/');
            String refName = slash < 0 ? raw : raw.substring(0, slash);
            ApplicationSource ref = refs.get(refName);
            if (ref != null) {
                if (!isThisRepo.test(ref.repoURL())) {
                    return new Resolved(null, "values from " + ref.repoURL() + " are not available offline ('"
                            + raw + "')");
                }
                String rest = slash < 0 ? "" : env.substitute(raw.substring(slash + 1));
                return new Resolved("/" + rest, null);
            }
        }
        String path = env.substitute(raw);
        if (path.contains("://")) {
            return new Resolved(null, "remote value file '" + path + "' is not available offline");
        }
        return new Resolved(path, null);
    }

    private Optional<Path> editedCopy(String path, ApplicationSource.Kustomize k, BuildEnv env)
            throws InvalidApplicationException, IOException {
        Path copy = copies.newCopy();
        Path dir;
        try {
            dir = new PathGuard(copy).resolveInRepo(path, "app path");
        } catch (RenderException e) {
            return Optional.empty(); // the renderer reports the bad path against the checkout
        }
        Optional<Path> file = Files.isDirectory(dir) ? KustomizationFile.find(dir) : Optional.empty();
        if (file.isEmpty() || Files.isSymbolicLink(file.get())) {
            return Optional.of(copy); // nothing to edit in place; the renderer reports a missing kustomization
        }
        KustomizeEdits.apply(file.get(), k, env);
        return Optional.of(copy);
    }

    private static PlanNote skip(RuleInfo reason, Application app, String where, String message) {
        return PlanNote.skipped(reason, app.name(), where, message);
    }

    private static PlanNote note(PlanNote.Level level, Application app, String where, String message) {
        return new PlanNote(level, app.name(), where, message);
    }

    private static String stripApp(String message, Application app) {
        String prefix = "Application '" + app.name() + "': ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
