package dev.guardrails.argocd.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guardrails.scanner.config.GuardrailsConfig;
import dev.guardrails.scanner.engine.AppTarget;
import dev.guardrails.scanner.engine.PlatformRules;
import dev.guardrails.scanner.engine.GuardrailsEngine;
import dev.guardrails.scanner.engine.ScanOptions;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.SourceSpan;
import dev.guardrails.scanner.parse.ManifestParser;
import dev.guardrails.scanner.render.Glob;
import dev.guardrails.scanner.render.KustomizationFile;
import dev.guardrails.scanner.render.PathGuard;
import dev.guardrails.scanner.render.RenderException;
import dev.guardrails.scanner.render.RenderRequest;
import dev.guardrails.scanner.render.SourceType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Plans a scan the way Argo CD would deploy the repo: finds Application and ApplicationSet
 * manifests, expands ApplicationSets, maps each Application to render targets, and follows
 * app-of-apps: Applications in the <em>rendered</em> output of a planned app are planned too, up to
 * {@link #MAX_DEPTH} levels, with cycles noted rather than followed.
 *
 * <p>An Application found both as a repo file and in a parent's rendered output is planned once;
 * the rendered definition wins, since that is what Argo CD applies.
 */
public final class ApplicationPlanner {

    /** How deep app-of-apps are followed. */
    public static final int MAX_DEPTH = 10;

    private static final String MARKER = "argoproj.io";
    private static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

    private final GuardrailsEngine engine;
    private final AppSetExpander appSets;
    private final Predicate<String> isThisRepo;
    private final ManifestParser parser = new ManifestParser();

    /**
     * @param engine     renders planned apps to find child Applications; {@code null} disables following
     * @param appSets    expands ApplicationSets
     * @param isThisRepo which repoURLs name the checkout
     */
    public ApplicationPlanner(GuardrailsEngine engine, AppSetExpander appSets, Predicate<String> isThisRepo) {
        this.engine = engine;
        this.appSets = appSets;
        this.isThisRepo = isThisRepo;
    }

    /** An Application or ApplicationSet manifest found in the repo. */
    public record Found(ObjectNode manifest, SourceSpan origin) {

        public String kind() {
            return manifest.path("kind").asText();
        }
    }

    /** What the walk saw: Argo CD manifests, and every file mentioning {@code argoproj.io}. */
    public record Walk(List<Found> manifests, Set<String> markedFiles) {
    }

    /**
     * Plans the repo.
     *
     * @param revision the commit scanned, for {@code ARGOCD_APP_REVISION}; may be empty
     */
    public ApplicationPlan plan(Path repoRoot, GuardrailsConfig config, ScanOptions options, String revision)
            throws IOException {
        Path root = repoRoot.toAbsolutePath().normalize();
        Walk walk = walk(root, config.exclude());
        RepoCopies copies = new RepoCopies(root);
        try {
            return new Run(root, config, options, new ApplicationMapper(root, isThisRepo, config, revision, copies),
                    walk, copies).plan();
        } catch (RuntimeException e) {
            copies.close();
            throw e;
        }
    }

    /**
     * Finds Application and ApplicationSet manifests: {@code .yaml}, {@code .yml} and {@code .json}
     * files outside dot-directories and {@code exclude} globs, that mention {@code argoproj.io} and
     * parse. Files that fail to parse are skipped (a directory app reports them).
     */
    public Walk walk(Path repoRoot, List<String> excludeGlobs) throws IOException {
        Path root = repoRoot.toAbsolutePath().normalize();
        List<Glob> excludes = new ArrayList<>();
        for (String g : excludeGlobs == null ? List.<String>of() : excludeGlobs) {
            if (g != null && !g.isBlank()) {
                excludes.add(Glob.segmented(g.strip().replaceAll("^/+|/+$", "")));
            }
        }
        List<Found> found = new ArrayList<>();
        Set<String> marked = new TreeSet<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(root)) {
                    return FileVisitResult.CONTINUE;
                }
                String rel = relative(root, dir);
                return dir.getFileName().toString().startsWith(".") || excluded(excludes, rel)
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String name = file.getFileName().toString();
                String rel = relative(root, file);
                if (!attrs.isRegularFile() || attrs.size() > MAX_FILE_BYTES || excluded(excludes, rel)
                        || !(name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"))) {
                    return FileVisitResult.CONTINUE;
                }
                String text;
                try {
                    text = Files.readString(file, StandardCharsets.UTF_8);
                } catch (IOException unreadable) {
                    return FileVisitResult.CONTINUE; // not UTF-8 text: not a manifest Argo CD reads
                }
                if (!text.contains(MARKER)) {
                    return FileVisitResult.CONTINUE;
                }
                marked.add(rel);
                if (!text.contains("Application")) {
                    return FileVisitResult.CONTINUE;
                }
                // Documents that cannot be read (often a helm template) are left to the directory app
                // that holds them; the readable documents of the same file still count.
                for (ManifestObject o : parser.parseDocuments(text, rel).objects()) {
                    if (ApplicationReader.isKind(o.raw(), "Application")
                            || ApplicationReader.isKind(o.raw(), "ApplicationSet")) {
                        found.add(new Found(o.raw(), o.origin()));
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort((a, b) -> a.origin().file().equals(b.origin().file())
                ? Integer.compare(a.origin().document(), b.origin().document())
                : a.origin().file().compareTo(b.origin().file()));
        return new Walk(found, marked);
    }

    private static boolean excluded(List<Glob> excludes, String rel) {
        for (Glob g : excludes) {
            if (g.matches(rel)) {
                return true;
            }
        }
        return false;
    }

    private static String relative(Path root, Path p) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        return rel.isEmpty() ? "." : rel;
    }

    /** One planning run: mutable state kept out of the planner itself. */
    private final class Run {
        private final Path root;
        private final GuardrailsConfig config;
        private final ScanOptions options;
        private final ApplicationMapper mapper;
        private final Walk walk;
        private final RepoCopies copies;
        private final Map<String, Entry> planned = new LinkedHashMap<>();
        private final Deque<String> queue = new ArrayDeque<>();
        private final List<PlanNote> notes = new ArrayList<>();

        Run(Path root, GuardrailsConfig config, ScanOptions options, ApplicationMapper mapper, Walk walk,
            RepoCopies copies) {
            this.root = root;
            this.config = config;
            this.options = options;
            this.mapper = mapper;
            this.walk = walk;
            this.copies = copies;
        }

        ApplicationPlan plan() {
            for (Found f : walk.manifests()) {
                if (f.kind().equals("ApplicationSet")) {
                    String owner = f.manifest().path("metadata").path("name").asText("");
                    for (Application app : expand(f, null)) {
                        offerWalked(app, owner);
                    }
                } else if (unresolvedTemplate(f.manifest()) != null) {
                    notes.add(PlanNote.skipped(PlatformRules.TEMPLATE_UNRESOLVED,
                            f.manifest().path("metadata").path("name").asText(""), f.origin().toString(),
                            "unresolved template in " + unresolvedTemplate(f.manifest())
                                    + ": Argo CD would deploy that literal text; not rendered"));
                } else {
                    Application app = read(f.manifest(), f.origin(), null);
                    if (app != null) {
                        offerWalked(app, null);
                    }
                }
            }
            int budget = 4 * (planned.size() + 1) + 1000;
            while (!queue.isEmpty() && budget-- > 0) {
                String name = queue.poll();
                Entry e = planned.get(name);
                e.mapping = mapper.map(e.app);
                if (engine != null) {
                    follow(e);
                }
            }
            List<AppTarget> targets = new ArrayList<>();
            List<ApplicationPlan.PlannedApp> apps = new ArrayList<>();
            boolean here = false;
            List<PlanNote> all = new ArrayList<>(notes);
            for (Entry e : planned.values()) {
                apps.add(new ApplicationPlan.PlannedApp(e.app.name(), e.app.origin().toString(), e.parent, e.depth));
                if (e.mapping != null) {
                    targets.addAll(e.mapping.targets());
                    all.addAll(e.mapping.notes());
                    here |= e.mapping.pointsHere();
                }
            }
            return new ApplicationPlan(targets, all, apps, here, copies);
        }

        /**
         * @param appSet the ApplicationSet that generated it, or {@code null} for an Application manifest
         */
        private void offerWalked(Application app, String appSet) {
            Entry existing = planned.get(app.name());
            if (existing != null && appSet != null && !appSet.equals(existing.appSet)) {
                // The ApplicationSet controller never takes over an Application it does not own:
                // the one created first keeps it, and this ApplicationSet reports an error for it.
                String owner = existing.appSet == null
                        ? "the Application in " + existing.app.origin()
                        : "ApplicationSet '" + existing.appSet + "' (" + existing.app.origin() + ")";
                notes.add(new PlanNote(PlanNote.Level.SKIPPED, app.name(), app.origin().toString(),
                        "ApplicationSet '" + appSet + "' generates Application '" + app.name()
                                + "', which " + owner + " already defines; Argo CD's ApplicationSet controller"
                                + " refuses to update an Application it does not own, so this one is not rendered"));
                return;
            }
            if (existing != null) {
                if (!sameSpec(existing.app, app)) {
                    notes.add(new PlanNote(PlanNote.Level.INFO, app.name(), app.origin().toString(),
                            "Application is also defined in " + existing.app.origin() + "; using that one"));
                }
                return;
            }
            Entry entry = new Entry(app, 0, List.of(app.name()), null);
            entry.appSet = appSet;
            planned.put(app.name(), entry);
            queue.add(app.name());
        }

        /** Renders each target of a planned app (when it may hold Applications) and plans what it finds. */
        private void follow(Entry e) {
            for (AppTarget target : e.mapping.targets()) {
                if (!mayHoldApplications(target)) {
                    continue;
                }
                List<ManifestObject> objects = engine.render(target, config, options).bundle().objects();
                for (ManifestObject o : objects) {
                    if (ApplicationReader.isKind(o.raw(), "Application")) {
                        Application child = read(o.raw(), o.origin(), e.app.name());
                        if (child != null) {
                            offerChild(e, child);
                        }
                    } else if (ApplicationReader.isKind(o.raw(), "ApplicationSet")) {
                        for (Application child : expand(new Found(o.raw(), o.origin()), e.app.name())) {
                            offerChild(e, child);
                        }
                    }
                }
            }
        }

        private void offerChild(Entry parent, Application child) {
            String where = child.origin().toString();
            if (parent.chain.contains(child.name())) {
                List<String> cycle = new ArrayList<>(parent.chain.subList(parent.chain.indexOf(child.name()),
                        parent.chain.size()));
                cycle.add(child.name());
                notes.add(new PlanNote(PlanNote.Level.INFO, child.name(), where,
                        "app-of-apps cycle " + String.join(" -> ", cycle) + " is not followed again"));
                return;
            }
            int depth = parent.depth + 1;
            if (depth > MAX_DEPTH) {
                notes.add(new PlanNote(PlanNote.Level.SKIPPED, child.name(), where, "not planned: rendered by '"
                        + parent.app.name() + "' beyond the app-of-apps depth limit of " + MAX_DEPTH));
                return;
            }
            List<String> chain = new ArrayList<>(parent.chain);
            chain.add(child.name());
            Entry existing = planned.get(child.name());
            if (existing == null) {
                planned.put(child.name(), new Entry(child, depth, chain, parent.app.name()));
                queue.add(child.name());
                return;
            }
            if (existing.parent == null) {
                // Found in the repo and now rendered by a parent: the rendered definition is what Argo CD applies.
                boolean same = sameSpec(existing.app, child);
                existing.parent = parent.app.name();
                reroot(child.name(), chain);
                if (!same) {
                    existing.app = child;
                    existing.mapping = null;
                    queue.remove(child.name());
                    queue.add(child.name());
                }
                return;
            }
            if (!sameSpec(existing.app, child)) {
                notes.add(new PlanNote(PlanNote.Level.INFO, child.name(), where, "Application is also rendered by '"
                        + existing.parent + "' with another spec; using that one"));
            }
        }

        /**
         * Moves an app found in the repo under the parent that renders it, with everything planned
         * below it, so depths and cycle checks see the real app-of-apps chain.
         */
        private void reroot(String name, List<String> newChain) {
            for (Entry e : planned.values()) {
                int at = e.chain.indexOf(name);
                if (at < 0) {
                    continue;
                }
                List<String> chain = new ArrayList<>(newChain);
                chain.addAll(e.chain.subList(at + 1, e.chain.size()));
                e.chain = chain;
                e.depth = chain.size() - 1;
            }
        }

        private Application read(ObjectNode manifest, SourceSpan origin, String parent) {
            try {
                return ApplicationReader.read(manifest, origin);
            } catch (InvalidApplicationException e) {
                String name = manifest.path("metadata").path("name").asText("");
                notes.add(new PlanNote(PlanNote.Level.INVALID, name, origin.toString(),
                        e.getMessage().replace("Application '" + name + "': ", "")));
                return null;
            }
        }

        private List<Application> expand(Found appSet, String parent) {
            String name = appSet.manifest().path("metadata").path("name").asText("");
            String where = appSet.origin().toString();
            AppSetExpander.Expansion expansion;
            try {
                expansion = appSets.expand(appSet.manifest());
            } catch (RuntimeException e) {
                notes.add(PlanNote.skipped(PlatformRules.APPSET_NOT_EXPANDED, name, where,
                        "ApplicationSet not expanded: " + (e.getMessage() == null ? e.toString() : e.getMessage())));
                return List.of();
            }
            for (String problem : expansion.problems()) {
                notes.add(PlanNote.skipped(PlatformRules.APPSET_NOT_EXPANDED, name, where, "ApplicationSet: " + problem));
            }
            List<Application> apps = new ArrayList<>();
            for (ObjectNode generated : expansion.applications()) {
                String unresolved = unresolvedTemplate(generated);
                if (unresolved != null) {
                    notes.add(PlanNote.skipped(PlatformRules.TEMPLATE_UNRESOLVED,
                            generated.path("metadata").path("name").asText(name), where,
                            "generated by ApplicationSet '" + name + "' with an unresolved template in " + unresolved
                                    + ": Argo CD would deploy that literal text; not rendered"));
                    continue;
                }
                Application app = read(generated, appSet.origin(), parent);
                if (app != null) {
                    apps.add(app);
                }
            }
            return apps;
        }

        /**
         * Rendering costs a helm or kustomize run, so a target is rendered for following only when
         * a file it can render mentions {@code argoproj.io}.
         */
        private boolean mayHoldApplications(AppTarget target) {
            RenderRequest request = target.request();
            if (walk.markedFiles().isEmpty()) {
                return false;
            }
            if (request.type() == SourceType.KUSTOMIZE) {
                return kustomizeMarked(request.repoRoot(), request.appPath(), new HashSet<>());
            }
            return underAny(request.appPath());
        }

        private boolean underAny(String dir) {
            String prefix = dir.equals(".") ? "" : dir.endsWith("/") ? dir : dir + "/";
            for (String file : walk.markedFiles()) {
                if (file.startsWith(prefix) || file.equals(dir)) {
                    return true;
                }
            }
            return false;
        }

        /** Walks the kustomization graph (in the tree the target renders from) for marked files. */
        private boolean kustomizeMarked(Path treeRoot, String dir, Set<String> seen) {
            if (!seen.add(dir) || seen.size() > 200) {
                return false;
            }
            if (underAny(dir)) {
                return true;
            }
            try {
                PathGuard guard = new PathGuard(treeRoot);
                Path abs = guard.resolveInRepo(dir, "kustomization dir");
                Path file = KustomizationFile.find(abs).orElse(null);
                if (file == null) {
                    return false;
                }
                for (KustomizationFile.Ref ref : KustomizationFile.read(file)) {
                    if (ref.kind() != KustomizationFile.Kind.TREE || KustomizationFile.looksRemote(ref.value())) {
                        continue;
                    }
                    Path target = guard.resolve(abs, ref.value(), "reference");
                    String rel = guard.relative(target);
                    if (Files.isDirectory(target) ? kustomizeMarked(treeRoot, rel, seen)
                            : walk.markedFiles().contains(rel)) {
                        return true;
                    }
                }
            } catch (RenderException | IOException e) {
                return false; // the render reports it
            }
            return false;
        }
    }

    /**
     * The first source field of a generated Application that still holds {@code {{...}}} (a
     * parameter no generator set), as {@code spec.source.path: '{{path}}'}, or null.
     */
    static String unresolvedTemplate(ObjectNode app) {
        JsonNode spec = app.path("spec");
        List<String> where = new ArrayList<>();
        List<JsonNode> sources = new ArrayList<>();
        if (spec.has("source")) {
            sources.add(spec.get("source"));
            where.add("spec.source");
        }
        JsonNode many = spec.path("sources");
        for (int i = 0; i < many.size(); i++) {
            sources.add(many.get(i));
            where.add("spec.sources[" + i + "]");
        }
        for (int i = 0; i < sources.size(); i++) {
            for (String field : List.of("repoURL", "path", "targetRevision", "chart")) {
                String v = sources.get(i).path(field).asText("");
                if (v.contains("{{") && v.contains("}}")) {
                    return where.get(i) + "." + field + ": '" + v + "'";
                }
            }
        }
        for (String field : List.of("server", "name", "namespace")) {
            String v = spec.path("destination").path(field).asText("");
            if (v.contains("{{") && v.contains("}}")) {
                return "spec.destination." + field + ": '" + v + "'";
            }
        }
        String name = app.path("metadata").path("name").asText("");
        return name.contains("{{") && name.contains("}}") ? "metadata.name: '" + name + "'" : null;
    }

    private static boolean sameSpec(Application a, Application b) {
        JsonNode sa = a.raw().path("spec");
        JsonNode sb = b.raw().path("spec");
        return sa.equals(sb);
    }

    /** Planning state of one Application. */
    private static final class Entry {
        Application app;
        int depth;
        List<String> chain;
        String parent;
        /** The ApplicationSet that generated it, {@code null} for an Application manifest. */
        String appSet;
        ApplicationMapper.Mapping mapping;

        Entry(Application app, int depth, List<String> chain, String parent) {
            this.app = app;
            this.depth = depth;
            this.chain = chain;
            this.parent = parent;
        }
    }
}
