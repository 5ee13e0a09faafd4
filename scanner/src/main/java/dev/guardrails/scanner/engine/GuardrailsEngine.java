package dev.guardrails.scanner.engine;

import dev.guardrails.scanner.config.GuardrailsConfig;
import dev.guardrails.scanner.config.PolicyResolver;
import dev.guardrails.scanner.config.ProfileConfig;
import dev.guardrails.scanner.discovery.AppDiscoverer;
import dev.guardrails.scanner.discovery.AppSource;
import dev.guardrails.scanner.k8s.SyncHooks;
import dev.guardrails.scanner.model.AppReport;
import dev.guardrails.scanner.model.Exemption;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.ObjectRef;
import dev.guardrails.scanner.model.ObjectSelector;
import dev.guardrails.scanner.model.ScanReport;
import dev.guardrails.scanner.model.SourceSpan;
import dev.guardrails.scanner.parse.ManifestParseException;
import dev.guardrails.scanner.parse.ManifestParser;
import dev.guardrails.scanner.render.DirectoryOptions;
import dev.guardrails.scanner.render.HelmOptions;
import dev.guardrails.scanner.render.KustomizeOptions;
import dev.guardrails.scanner.render.OutOfBoundsSymlinks;
import dev.guardrails.scanner.render.RenderException;
import dev.guardrails.scanner.render.RenderOutput;
import dev.guardrails.scanner.render.RenderRequest;
import dev.guardrails.scanner.render.RenderedFile;
import dev.guardrails.scanner.render.Renderer;
import dev.guardrails.scanner.render.SourceType;
import dev.guardrails.scanner.rule.Bundle;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The pipeline: discover apps, render each, parse, check, decide, and collect a {@link ScanReport}.
 * Apps are independent and run on a bounded pool; one app's failure is a finding, never an abort.
 */
public final class GuardrailsEngine {

    /** The app name of findings about the policy file itself. */
    public static final String POLICY_APP = ".guardrails.yaml";

    /**
     * Kinds that rules look up across apps (see {@link Bundle}): namespace policies, and the
     * admission policies, bindings and Namespaces the admission-policy rule evaluates with.
     */
    private static final Set<String> NAMESPACE_POLICY_KINDS = Set.of("NetworkPolicy", "LimitRange", "ResourceQuota",
            "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "Namespace");

    private final Checker checker;
    private final Map<SourceType, Renderer> renderers;
    private final ManifestParser parser;
    private final AppDiscoverer discoverer;
    private final EngineListener listener;

    public GuardrailsEngine(List<Rule> rules, List<Renderer> renderers, ManifestParser parser, AppDiscoverer discoverer) {
        this(new Checker(rules), renderers, parser, discoverer, EngineListener.NONE);
    }

    private GuardrailsEngine(Checker checker, Collection<Renderer> renderers, ManifestParser parser,
                             AppDiscoverer discoverer, EngineListener listener) {
        this.checker = checker;
        this.renderers = new EnumMap<>(SourceType.class);
        for (Renderer r : renderers) {
            this.renderers.put(r.type(), r);
        }
        this.parser = parser;
        this.discoverer = discoverer;
        this.listener = listener;
    }

    /** The same engine, telling {@code newListener} about every app it checks. */
    public GuardrailsEngine withListener(EngineListener newListener) {
        return new GuardrailsEngine(checker, renderers.values(), parser, discoverer, newListener);
    }

    /** Every rule this engine reports on, built-in and platform, in catalog order. */
    public List<RuleInfo> ruleInfos() {
        List<RuleInfo> infos = new ArrayList<>();
        checker.rules().forEach(r -> infos.add(r.info()));
        infos.addAll(PlatformRules.all());
        return infos;
    }

    /**
     * Every rule a scan under {@code config} reports on: {@link #ruleInfos()}, then the config's
     * custom rules (reports list them so SARIF and JSON readers can resolve their ids).
     */
    public List<RuleInfo> ruleInfos(GuardrailsConfig config) {
        List<RuleInfo> infos = ruleInfos();
        infos.addAll(config.customRuleInfos());
        return infos;
    }

    /** Discovers the apps of a repo and turns them into render targets. */
    public List<AppTarget> discover(Path repoRoot, GuardrailsConfig config) throws IOException {
        return discover(repoRoot, config, note -> { });
    }

    /**
     * Discovers the apps of a repo and turns them into render targets.
     *
     * @param notSeparateApps receives one line per chart or component that is not an app of its own
     *                        (library charts, Kustomize Components no overlay uses)
     */
    public List<AppTarget> discover(Path repoRoot, GuardrailsConfig config, Consumer<String> notSeparateApps)
            throws IOException {
        List<AppTarget> targets = new ArrayList<>();
        for (AppSource app : discoverer.discover(repoRoot, config.exclude(), config.discovery().chartVariants(),
                notSeparateApps)) {
            // Release name defaults to the chart directory (as `helm install <dir>` users expect) and
            // the chart renders for the policy's target cluster version.
            HelmOptions helm = app.helm();
            if (helm != null) {
                String base = app.path().substring(app.path().lastIndexOf('/') + 1);
                String release = helm.releaseName() == null || helm.releaseName().isBlank()
                        ? (base.equals(".") ? "release" : base) : helm.releaseName();
                String kube = helm.kubeVersion() == null ? config.settings().kubeVersion() + ".0" : helm.kubeVersion();
                helm = new HelmOptions(release,
                        helm.valueFiles(), helm.valuesYaml(), helm.parameters(), helm.fileParameters(), helm.skipCrds(),
                        helm.skipTests(), helm.skipSchemaValidation(), helm.ignoreMissingValueFiles(), kube,
                        helm.apiVersions());
            }
            RenderRequest request = new RenderRequest(repoRoot, app.path(), app.type(), app.name(), config.namespace(),
                    helm, KustomizeOptions.defaults(), DirectoryOptions.defaults());
            targets.add(new AppTarget(app.name(), app.path(), request));
        }
        return targets;
    }

    /** Scans a checked-out repo: every discovered app. */
    public ScanReport scan(Path repoRoot, String target, String revision, GuardrailsConfig config, ScanOptions options)
            throws IOException {
        return scan(discover(repoRoot, config), target, revision, config, options);
    }

    /**
     * Scans the given apps: renders all of them (in parallel), then checks each with the
     * namespace-level policy objects of the others as neighbours.
     */
    public ScanReport scan(List<AppTarget> apps, String target, String revision, GuardrailsConfig config,
                           ScanOptions options) {
        Instant start = options.clock().instant();
        long t0 = System.nanoTime();
        List<AppResult> results = evaluateAll(apps, config, options);
        List<AppReport> reports = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        if (apps.isEmpty()) {
            // Nothing rendered means nothing checked: never a silent pass.
            Optional<Finding> none = coverageFinding(PlatformRules.NO_APPS, POLICY_APP, ".",
                    new ObjectRef("guardrails.dev/v1", "Scan", "", target), new SourceSpan(".", 0, 0),
                    "no app found to render in " + target + ": nothing was checked", config, options);
            none.ifPresent(findings::add);
        }
        for (AppResult r : results) {
            reports.add(r.report());
            findings.addAll(r.findings());
        }
        findings = NamespaceFindings.oncePerNamespace(findings);
        findings.addAll(expiredExemptions(config, options));
        long elapsed = (System.nanoTime() - t0) / 1_000_000;
        return new ScanReport(target, revision, start, elapsed, reports, findings, ruleInfos(config));
    }

    /**
     * Renders and checks apps together, keeping each app's rendered objects: all are rendered (in
     * parallel), then each is checked with the namespace-level policies of the others as neighbours.
     * Variants of one source (a chart rendered per environment values file) are alternatives, not
     * co-deployed, so they are never each other's neighbours.
     */
    public List<AppResult> evaluateAll(List<AppTarget> apps, GuardrailsConfig config, ScanOptions options) {
        Deadline scanDeadline = Deadline.after(options.scanTimeout());
        try (Watchdog watchdog = new Watchdog()) {
            return evaluateAll(apps, config, options, scanDeadline, watchdog);
        }
    }

    private List<AppResult> evaluateAll(List<AppTarget> apps, GuardrailsConfig config, ScanOptions options,
                                        Deadline scanDeadline, Watchdog watchdog) {
        Map<Path, String> symlinkVerdicts = new ConcurrentHashMap<>();
        List<RenderedApp> rendered = parallel(apps,
                app -> render(app, config, options, scanDeadline, watchdog, symlinkVerdicts),
                options.parallelism());
        Map<String, List<Bundle.Placed>> policiesByPath = new java.util.LinkedHashMap<>();
        for (RenderedApp r : rendered) {
            List<Bundle.Placed> own = policiesByPath.computeIfAbsent(r.target().path(), k -> new ArrayList<>());
            for (Bundle.Placed p : r.bundle().placed()) {
                if (NAMESPACE_POLICY_KINDS.contains(p.object().kind())) {
                    own.add(p);
                }
            }
        }
        return parallel(rendered, r -> {
            List<Bundle.Placed> neighbours = new ArrayList<>();
            policiesByPath.forEach((path, placed) -> {
                if (!path.equals(r.target().path())) {
                    neighbours.addAll(placed);
                }
            });
            return check(r, neighbours, config, options, scanDeadline);
        }, options.parallelism());
    }

    /** Renders and checks one app on its own (the Argo CD plugin's view: no neighbours). */
    public AppResult evaluate(AppTarget app, GuardrailsConfig config, ScanOptions options) {
        Deadline scanDeadline = Deadline.after(options.scanTimeout());
        try (Watchdog watchdog = new Watchdog()) {
            return check(render(app, config, options, scanDeadline, watchdog, new ConcurrentHashMap<>()), List.of(), config, options, scanDeadline);
        }
    }

    /**
     * An app after rendering and parsing, before checking.
     *
     * @param usedNanos time the app has used of its budget so far
     */
    public record RenderedApp(AppTarget target, Bundle bundle, List<Finding> findings, AppReport report,
                              Optional<ProfileConfig> profile, long usedNanos) {

        public RenderedApp(AppTarget target, Bundle bundle, List<Finding> findings, AppReport report,
                           Optional<ProfileConfig> profile) {
            this(target, bundle, findings, report, profile, 0);
        }
    }

    /** Renders and parses one app within the per-app budget; failures become findings. */
    public RenderedApp render(AppTarget app, GuardrailsConfig config, ScanOptions options) {
        try (Watchdog watchdog = new Watchdog()) {
            return render(app, config, options, Deadline.none(), watchdog, new ConcurrentHashMap<>());
        }
    }

    /**
     * Renders one app within its budget, sharing the out-of-bounds symlink verdict of each repo
     * root ({@code ""} = none) between the apps of one scan.
     */
    private RenderedApp render(AppTarget app, GuardrailsConfig config, ScanOptions options, Deadline scanDeadline,
                               Watchdog watchdog, Map<Path, String> symlinkVerdicts) {
        long t0 = System.nanoTime();
        Deadline deadline = Deadline.after(options.appTimeout()).min(scanDeadline);
        if (deadline.passed()) {
            return timedOut(app, config, options, t0, "the scan deadline passed before the app was rendered");
        }
        try {
            return watchdog.within(deadline, () -> renderWithin(app, config, options, deadline, t0, symlinkVerdicts));
        } catch (Deadline.Exceeded e) {
            return timedOut(app, config, options, t0, "its deadline passed while rendering and parsing");
        }
    }

    private RenderedApp timedOut(AppTarget app, GuardrailsConfig config, ScanOptions options, long t0, String why) {
        long ms = (System.nanoTime() - t0) / 1_000_000;
        String message = "not checked: " + why + " (" + limits(options) + ")";
        PolicyResolver policy = new PolicyResolver(config);
        Optional<ProfileConfig> profile = policy.profileFor(app.name(), app.path(), options.profile());
        Finding f = platformFinding(PlatformRules.APP_TIMEOUT, policy, profile, app, new SourceSpan(app.path(), 0, 0),
                message, config.exemptions(), LocalDate.now(options.clock()));
        return new RenderedApp(app, new Bundle(List.of(), app.request().namespace()), List.of(f),
                new AppReport(app.name(), app.path(), app.request().type().id(), 0, ms, message), profile,
                System.nanoTime() - t0);
    }

    private static String limits(ScanOptions options) {
        List<String> parts = new ArrayList<>();
        if (options.appTimeout() != null && !options.appTimeout().isZero()) {
            parts.add("--app-timeout " + options.appTimeout().toSeconds() + "s");
        }
        if (options.scanTimeout() != null && !options.scanTimeout().isZero()) {
            parts.add("--scan-timeout " + options.scanTimeout().toSeconds() + "s");
        }
        return String.join(", ", parts);
    }

    private RenderedApp renderWithin(AppTarget app, GuardrailsConfig config, ScanOptions options, Deadline deadline,
                                     long t0, Map<Path, String> symlinkVerdicts) {
        PolicyResolver policy = new PolicyResolver(config);
        Optional<ProfileConfig> profile = policy.profileFor(app.name(), app.path(), options.profile());
        LocalDate today = LocalDate.now(options.clock());
        RenderRequest request = app.request();
        Renderer renderer = renderers.get(request.type());
        RenderOutput output;
        try {
            if (renderer == null) {
                throw new RenderException("no renderer for " + request.type().id() + " apps");
            }
            refuseOutOfBoundsSymlinks(request.repoRoot(), symlinkVerdicts);
            output = renderer.render(request);
        } catch (RenderException e) {
            if (deadline.passed() || Thread.currentThread().isInterrupted()) {
                throw new Deadline.Exceeded();
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            Finding failed = platformFinding(PlatformRules.RENDER_FAILED, policy, profile, app,
                    new SourceSpan(app.path(), 0, 0), e.getMessage(), config.exemptions(), today);
            return new RenderedApp(app, new Bundle(List.of(), request.namespace()), List.of(failed),
                    new AppReport(app.name(), app.path(), request.type().id(), 0, ms, e.getMessage()), profile);
        }
        List<ManifestObject> objects = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        OriginLocator origins = new OriginLocator(request.repoRoot(), request.appPath(), parser);
        RenderDiff generated = new RenderDiff(output.rerendered(), parser);
        for (RenderedFile file : output.files()) {
            deadline.check();
            ManifestParser.Parsed parsed = parser.parseDocuments(file.content(), file.path());
            List<ManifestParseException> errors = new ArrayList<>(parsed.errors());
            int valid = 0;
            for (ManifestObject o : parsed.objects()) {
                // Argo CD decodes every object into Unstructured, which fails the app's manifest
                // generation on a missing kind; the API server refuses a missing apiVersion.
                String missing = KindlessDocuments.missingField(o);
                if (missing != null) {
                    errors.add(KindlessDocuments.error(o, missing));
                    if (missing.equals("apiVersion")) {
                        valid++; // Argo CD decodes it (apply fails later), so the file is not "unrelated"
                    }
                    continue;
                }
                valid++;
                ManifestObject located = file.exactLines() ? o : origins.locate(
                        new ManifestObject(o.raw(), new SourceSpan(file.path(), 0, o.origin().document()), Map.of()));
                objects.add(generated.isEmpty() ? located : generated.mark(located, file.path(), o.origin().document()));
            }
            if (request.type() == SourceType.DIRECTORY && KindlessDocuments.unrelatedFile(file.path(), file.content(), valid, errors.size())) {
                continue; // Argo CD ignores a directory file that fails to decode and does not look like a manifest
            }
            for (ManifestParseException e : errors) {
                int line = file.exactLines() ? e.line() : 0;
                findings.add(platformFinding(PlatformRules.MANIFEST_INVALID, policy, profile, app,
                        new SourceSpan(file.path(), line, 0), e.reason(),
                        config.exemptions(), today));
            }
        }
        deadline.check();
        if (!output.unrendered().isEmpty()) {
            Finding jsonnet = platformFinding(PlatformRules.SOURCE_UNSUPPORTED, policy, profile, app,
                    new SourceSpan(output.unrendered().get(0), 0, 0), output.unrendered().size()
                            + " Jsonnet file(s) not evaluated, so what they deploy was not checked: "
                            + String.join(", ", output.unrendered().stream().limit(5).toList())
                            + (output.unrendered().size() > 5 ? ", ..." : ""),
                    config.exemptions(), today);
            if (jsonnet.mode() != Mode.OFF) {
                findings.add(jsonnet);
            }
        }
        if (objects.isEmpty() && findings.isEmpty() && output.unrendered().isEmpty() && !allowedEmpty(config, app)) {
            Finding empty = platformFinding(PlatformRules.APP_EMPTY, policy, profile, app,
                    new SourceSpan(app.path(), 0, 0), "app rendered no objects: nothing in it was checked (list it"
                            + " under allowEmptyApps in .guardrails.yaml if that is intended)",
                    config.exemptions(), today);
            if (empty.mode() != Mode.OFF) {
                findings.add(empty);
            }
        }
        AppReport report = new AppReport(app.name(), app.path(), request.type().id(), objects.size(),
                output.elapsedMillis(), null);
        return new RenderedApp(app, new Bundle(objects, request.namespace()), findings, report, profile,
                System.nanoTime() - t0);
    }

    private static boolean allowedEmpty(GuardrailsConfig config, AppTarget app) {
        for (String glob : config.allowEmptyApps()) {
            if (PolicyResolver.globMatches(glob, app.path()) || ObjectSelector.glob(glob, app.name())) {
                return true;
            }
        }
        return false;
    }

    private static void refuseOutOfBoundsSymlinks(Path repoRoot, Map<Path, String> verdicts) throws RenderException {
        String verdict = verdicts.get(repoRoot);
        if (verdict == null) {
            try {
                OutOfBoundsSymlinks.refuse(repoRoot);
                verdict = "";
            } catch (RenderException e) {
                verdict = e.getMessage();
            }
            verdicts.put(repoRoot, verdict);
        }
        if (!verdict.isEmpty()) {
            throw new RenderException(verdict);
        }
    }

    /** Checks a rendered app; {@code neighbours} are namespace policies deployed by other apps. */
    public AppResult check(RenderedApp app, List<Bundle.Placed> neighbours, GuardrailsConfig config, ScanOptions options) {
        return check(app, neighbours, config, options, Deadline.none());
    }

    private AppResult check(RenderedApp app, List<Bundle.Placed> neighbours, GuardrailsConfig config,
                            ScanOptions options, Deadline scanDeadline) {
        if (app.report().failed()) {
            AppResult result = new AppResult(app.report(), app.bundle().objects(), app.findings());
            listener.appChecked(result, 0);
            return result;
        }
        Deadline deadline = scanDeadline;
        if (options.appTimeout() != null && !options.appTimeout().isZero()) {
            deadline = Deadline.after(options.appTimeout().minusNanos(app.usedNanos())).min(scanDeadline);
            if (options.appTimeout().toNanos() <= app.usedNanos()) {
                deadline = new Deadline(System.nanoTime() - 1);
            }
        }
        try {
            return checkWithin(app, neighbours, config, options, deadline);
        } catch (Deadline.Exceeded e) {
            RenderedApp late = timedOut(app.target(), config, options, System.nanoTime(),
                    "its deadline passed while checking " + app.bundle().objects().size() + " objects");
            List<Finding> findings = new ArrayList<>(app.findings());
            findings.addAll(late.findings());
            AppReport r = app.report();
            AppResult result = new AppResult(new AppReport(r.name(), r.path(), r.type(), r.objectCount(),
                    r.renderMillis(), late.report().error()), app.bundle().objects(), findings);
            listener.appChecked(result, 0);
            return result;
        }
    }

    private AppResult checkWithin(RenderedApp app, List<Bundle.Placed> neighbours, GuardrailsConfig config,
                                  ScanOptions options, Deadline deadline) {
        deadline.check();
        PolicyResolver policy = new PolicyResolver(config);
        LocalDate today = LocalDate.now(options.clock());
        List<Bundle.Placed> others = new ArrayList<>();
        Set<ManifestObject> own = Collections.newSetFromMap(new IdentityHashMap<>());
        own.addAll(app.bundle().objects());
        for (Bundle.Placed p : neighbours) {
            if (!own.contains(p.object())) {
                others.add(p);
            }
        }
        // Objects Argo CD renders but never applies (Helm test hooks, Skip hooks) are not checked;
        // the app's output (the plugin's stdout) still carries them, as Argo CD expects.
        List<ManifestObject> applied = app.bundle().objects().stream().filter(o -> !SyncHooks.neverApplied(o)).toList();
        Bundle bundle = new Bundle(applied, app.bundle().defaultNamespace(), others);
        List<Finding> findings = new ArrayList<>(app.findings());
        long t0 = System.nanoTime();
        // The config's custom rules were compiled when it was loaded; plus() only concatenates lists.
        findings.addAll(checker.plus(config.customRules()).check(app.target().name(), bundle, config.settings(),
                rule -> policy.modeFor(rule, app.profile()), config.exemptions(), config.inlineExemptions(), today,
                deadline));
        AppResult result = new AppResult(app.report(), app.bundle().objects(), findings);
        listener.appChecked(result, (System.nanoTime() - t0) / 1_000_000);
        return result;
    }

    private static <T, R> List<R> parallel(List<T> items, Function<T, R> work, int parallelism) {
        if (items.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, items.size()));
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> work.apply(item)));
            }
            List<R> out = new ArrayList<>();
            for (Future<R> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("scan interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("scan failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Finding platformFinding(RuleInfo info, PolicyResolver policy, Optional<ProfileConfig> profile,
                                           AppTarget app, SourceSpan where, String message,
                                           List<Exemption> exemptions, LocalDate today) {
        return platformFinding(info, policy, profile, app.name(), new ObjectRef("guardrails.dev/v1", "App", "", app.name()),
                where, message, exemptions, today);
    }

    private static Finding platformFinding(RuleInfo info, PolicyResolver policy, Optional<ProfileConfig> profile,
                                           String appName, ObjectRef object, SourceSpan where, String message,
                                           List<Exemption> exemptions, LocalDate today) {
        Mode mode = policy.modeFor(info, profile);
        if ((info == PlatformRules.RENDER_FAILED || info == PlatformRules.APP_TIMEOUT) && mode == Mode.OFF) {
            mode = Mode.AUDIT; // a render failure is never silent: nothing in the app was checked
        }
        Finding f = new Finding(info.id(), info.title(), info.category(), info.severity(), mode, appName,
                object, where, "", message, info.remediation(), null);
        return Checker.exempt(f, exemptions, today);
    }

    /**
     * A platform finding (e.g. {@code render-failed}) for something that failed before the engine
     * could render it, such as an Argo CD Application that Argo CD itself would refuse. Mode,
     * profile and exemptions apply as for any finding; a render failure is never silent.
     */
    public Finding failure(RuleInfo info, String appName, String appPath, ObjectRef object, SourceSpan where,
                           String message, GuardrailsConfig config, ScanOptions options) {
        PolicyResolver policy = new PolicyResolver(config);
        Optional<ProfileConfig> profile = policy.profileFor(appName, appPath, options.profile());
        return platformFinding(info, policy, profile, appName, object, where, message, config.exemptions(),
                LocalDate.now(options.clock()));
    }

    /**
     * A coverage finding ({@code no-apps}, {@code source-unsupported}, ...) for something the scan
     * did not check, or empty when the policy turns that reason off (coverage still lists it).
     */
    public Optional<Finding> coverageFinding(RuleInfo info, String appName, String appPath, ObjectRef object,
                                             SourceSpan where, String message, GuardrailsConfig config,
                                             ScanOptions options) {
        PolicyResolver policy = new PolicyResolver(config);
        Optional<ProfileConfig> profile = policy.profileFor(appName, appPath, options.profile());
        Finding f = platformFinding(info, policy, profile, appName, object, where, message, config.exemptions(),
                LocalDate.now(options.clock()));
        return f.mode() == Mode.OFF ? Optional.empty() : Optional.of(f);
    }

    private List<Finding> expiredExemptions(GuardrailsConfig config, ScanOptions options) {
        LocalDate today = LocalDate.now(options.clock());
        PolicyResolver policy = new PolicyResolver(config);
        Mode mode = policy.modeFor(PlatformRules.EXEMPTION_EXPIRED, Optional.empty());
        List<Finding> out = new ArrayList<>();
        if (mode == Mode.OFF) {
            return out;
        }
        for (Exemption e : config.exemptions()) {
            if (e.expiredOn(today)) {
                RuleInfo info = PlatformRules.EXEMPTION_EXPIRED;
                out.add(new Finding(info.id(), info.title(), info.category(), info.severity(), mode, POLICY_APP,
                        new ObjectRef("guardrails.dev/v1", "Exemption", "", e.rule() + " " + e.selector()),
                        new SourceSpan(".guardrails.yaml", 0, 0), "",
                        "exemption for " + e.rule() + " (" + e.selector() + ", owner " + e.owner()
                                + ") expired on " + e.expires(),
                        info.remediation(), null));
            }
        }
        return out;
    }
}
