package dev.guardrails.plugin.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.argocd.app.PlanNote;
import dev.guardrails.argocd.app.RepoScan;
import dev.guardrails.scanner.config.ConfigException;
import dev.guardrails.scanner.config.ConfigLoader;
import dev.guardrails.scanner.config.GuardrailsConfig;
import dev.guardrails.scanner.engine.AppResult;
import dev.guardrails.scanner.engine.AppTarget;
import dev.guardrails.scanner.engine.GuardrailsEngine;
import dev.guardrails.scanner.engine.ScanOptions;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.SkippedApp;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.ObjectRef;
import dev.guardrails.scanner.model.ScanReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Scans the apps a change affects on the base and on the head, each revision with its own
 * {@code .guardrails.yaml}, and compares them: findings by {@link Finding#fingerprint()} (so moved
 * lines do not count as new), rendered objects by {@link ObjectRef} and raw tree equality.
 *
 * <p>Apps are rendered and then checked with the namespace policies (NetworkPolicy, LimitRange,
 * ResourceQuota) of the other affected apps as neighbours, as {@code GuardrailsEngine.scan} does;
 * the rendered objects are kept for the object diff, which the engine's ScanReport does not carry.
 * Unaffected apps are not rendered, so their namespace policies are missing on both sides alike.
 */
final class ChangeScanner {


    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ChangeScanner.class);
    /** Diff kept per app before the comment's own caps; bounds memory on huge renders. */
    private static final int MAX_DIFF_CHARS = 200_000;

    private final GuardrailsEngine engine;
    private final ConfigLoader loader;
    private final ScanOptions options;

    ChangeScanner(GuardrailsEngine engine, ConfigLoader loader, ScanOptions options) {
        this.engine = engine;
        this.loader = loader;
        this.options = options;
    }

    /**
     * @param repoUrls URLs that denote the reviewed repo, so its Argo CD Applications are rendered
     *                 as Argo CD would (else apps come from the directory layout)
     */
    ChangeReport scan(Path baseRoot, Path headRoot, Collection<String> changed, String baseSha, String headSha,
                      String baseRef, List<String> repoUrls) throws IOException {
        GuardrailsConfig headConfig;
        try {
            headConfig = loader.loadFromRepo(headRoot);
        } catch (ConfigException e) {
            return new ChangeReport(baseSha, headSha, baseRef, changed.size(), 0, e.getMessage(), List.of());
        }
        GuardrailsConfig baseConfig;
        try {
            baseConfig = loader.loadFromRepo(baseRoot);
        } catch (ConfigException e) {
            // The base's broken policy is not this change's doing: compare with the defaults.
            baseConfig = GuardrailsConfig.defaults();
        }
        RepoScan repoScan = new RepoScan(engine);
        try (RepoScan.Targets headPlan = repoScan.targets(headRoot, headSha, headConfig, options, RepoScan.Apps.AUTO,
                repoUrls, note -> LOG.debug("head: {}", note));
             RepoScan.Targets basePlan = repoScan.targets(baseRoot, baseSha, baseConfig, options, RepoScan.Apps.AUTO,
                     repoUrls, note -> LOG.debug("base: {}", note))) {
            List<AppTarget> headApps = headPlan.targets();
            List<AppTarget> baseApps = basePlan.targets();
            Set<String> names = new TreeSet<>();
            if (AffectedApps.policyChanged(changed)) {
                headApps.forEach(a -> names.add(a.name()));
                baseApps.forEach(a -> names.add(a.name()));
            } else {
                names.addAll(AffectedApps.affected(headRoot, headApps, changed));
                names.addAll(AffectedApps.affected(baseRoot, baseApps, changed));
                names.addAll(specChanged(baseApps, headApps));
                names.addAll(definedIn(headPlan, headApps, changed));
                names.addAll(definedIn(basePlan, baseApps, changed));
            }
            Map<String, AppTarget> headTargets = select(headApps, names);
            Map<String, AppTarget> baseTargets = select(baseApps, names);
            Map<String, AppResult> head = run(headTargets.values(), headConfig);
            Map<String, AppResult> base = run(baseTargets.values(), baseConfig);

            List<ChangeReport.AppChange> apps = new ArrayList<>();
            for (String name : names) {
                AppResult h = head.get(name);
                AppResult b = base.get(name);
                if (h == null && b == null) {
                    continue;
                }
                apps.add(compare(name, headTargets.containsKey(name) ? headTargets.get(name).path() : baseTargets.get(name).path(),
                        b, h, headRoot, headTargets.get(name)));
            }
            List<SkippedApp> skipped = headPlan.skipped().stream().map(n -> new SkippedApp(n.app(), n.location(),
                    n.reason().id(), n.message())).toList();
            return new ChangeReport(baseSha, headSha, baseRef, changed.size(), headApps.size(), null, apps, skipped);
        }
    }

    /**
     * Apps whose render request differs between base and head, or that exist on one side only: an
     * edited Argo CD Application (new values, images, source path) changes what is deployed even
     * when no file under the app's path changed.
     */
    static Set<String> specChanged(List<AppTarget> baseApps, List<AppTarget> headApps) {
        Map<String, AppTarget> base = new LinkedHashMap<>();
        baseApps.forEach(a -> base.put(a.name(), a));
        Set<String> out = new TreeSet<>();
        for (AppTarget h : headApps) {
            AppTarget b = base.remove(h.name());
            if (b == null || !sameRequest(b, h)) {
                out.add(h.name());
            }
        }
        out.addAll(base.keySet());
        return out;
    }

    /** Apps whose Argo CD Application manifest is one of the changed files. */
    static Set<String> definedIn(RepoScan.Targets plan, List<AppTarget> apps, Collection<String> changed) {
        Set<String> out = new TreeSet<>();
        if (plan.plan() == null) {
            return out;
        }
        for (var app : plan.plan().applications()) {
            String file = app.origin() == null ? "" : app.origin().replaceFirst(":\\d+$", "");
            if (changed.contains(file)) {
                for (AppTarget t : apps) {
                    if (t.name().equals(app.name()) || t.name().startsWith(app.name() + "#")) {
                        out.add(t.name());
                    }
                }
            }
        }
        return out;
    }

    private static boolean sameRequest(AppTarget a, AppTarget b) {
        var x = a.request();
        var y = b.request();
        return a.path().equals(b.path()) && x.appPath().equals(y.appPath()) && x.type() == y.type()
                && Objects.equals(x.namespace(), y.namespace())
                && Objects.equals(x.helm(), y.helm())
                && Objects.equals(x.kustomize(), y.kustomize())
                && Objects.equals(x.directory(), y.directory());
    }

    private static Map<String, AppTarget> select(List<AppTarget> apps, Set<String> names) {
        Map<String, AppTarget> out = new LinkedHashMap<>();
        for (AppTarget a : apps) {
            if (names.contains(a.name())) {
                out.put(a.name(), a);
            }
        }
        return out;
    }

    private Map<String, AppResult> run(Collection<AppTarget> apps, GuardrailsConfig config) {
        List<AppResult> checked = engine.evaluateAll(List.copyOf(apps), config, options);
        Map<String, AppResult> out = new HashMap<>();
        for (AppResult r : checked) {
            out.put(r.report().name(), r);
        }
        return out;
    }

    private static ChangeReport.AppChange compare(String name, String path, AppResult base, AppResult head,
                                                  Path headRoot, AppTarget headTarget) {
        List<Finding> headFindings = shown(head);
        List<Finding> baseFindings = shown(base);
        Set<String> headKeys = new HashSet<>();
        headFindings.forEach(f -> headKeys.add(f.fingerprint()));
        Set<String> baseKeys = new HashSet<>();
        baseFindings.forEach(f -> baseKeys.add(f.fingerprint()));
        // An exemption added by the change hides a finding on the head: that is "exempted", not "fixed".
        Set<String> baseExempted = new HashSet<>();
        exempted(base).forEach(f -> baseExempted.add(f.fingerprint()));
        List<Finding> exempted = exempted(head).stream().filter(f -> !baseExempted.contains(f.fingerprint()))
                .sorted(ScanReport.ORDER).toList();
        Set<String> exemptedKeys = new HashSet<>();
        exempted.forEach(f -> exemptedKeys.add(f.fingerprint()));
        List<Finding> added = headFindings.stream().filter(f -> !baseKeys.contains(f.fingerprint()))
                .sorted(ScanReport.ORDER).toList();
        List<Finding> fixed = baseFindings.stream().filter(f -> !headKeys.contains(f.fingerprint())
                        && !exemptedKeys.contains(f.fingerprint()))
                .sorted(ScanReport.ORDER).toList();
        int unchanged = (int) headFindings.stream().filter(f -> baseKeys.contains(f.fingerprint())).count();
        Map<String, HelmLines.ValueSource> valueSources = new HashMap<>();
        if (head != null && "helm".equals(head.report().type()) && headTarget != null) {
            added = helmLines(added, head, headRoot, headTarget, valueSources);
        }

        Map<ObjectRef, JsonNode> before = objects(base);
        Map<ObjectRef, JsonNode> after = objects(head);
        int addedObjects = 0;
        int changedObjects = 0;
        for (Map.Entry<ObjectRef, JsonNode> e : after.entrySet()) {
            JsonNode old = before.get(e.getKey());
            if (old == null) {
                addedObjects++;
            } else if (!old.equals(e.getValue())) {
                changedObjects++;
            }
        }
        int removedObjects = (int) before.keySet().stream().filter(k -> !after.containsKey(k)).count();
        String error = head == null ? null : head.report().error();
        String type = head == null ? null : head.report().type();
        String diff = ManifestDiff.unified(before, after, MAX_DIFF_CHARS);
        return new ChangeReport.AppChange(name, path, base != null, head != null, added, fixed, exempted, unchanged,
                addedObjects, removedObjects, changedObjects, error, type, diff, valueSources);
    }

    /** New findings of a Helm app pointed at their template line; their values keys recorded by fingerprint. */
    private static List<Finding> helmLines(List<Finding> added, AppResult head, Path headRoot, AppTarget target,
                                           Map<String, HelmLines.ValueSource> sources) {
        Map<ObjectRef, ManifestObject> objects = new HashMap<>();
        head.objects().forEach(o -> objects.put(o.ref(), o));
        List<Finding> out = new ArrayList<>();
        for (Finding f : added) {
            HelmLines.Mapping m = HelmLines.map(f, objects.get(f.object()), headRoot, target.request().helm());
            if (m == null) {
                out.add(f);
                continue;
            }
            if (m.value() != null) {
                sources.put(f.fingerprint(), m.value());
            }
            out.add(m.templateLine() > 0 ? new Finding(f.ruleId(), f.title(), f.category(), f.severity(), f.mode(), f.app(),
                    f.object(), f.location().withLine(m.templateLine()), f.path(), f.message(), f.remediation(),
                    f.exemption()) : f);
        }
        return out;
    }

    private static List<Finding> shown(AppResult r) {
        return r == null ? List.of() : r.findings().stream().filter(ChangeReport::shown).toList();
    }

    /** Exempted findings in modes a PR shows (an exemption of an audit-only finding changes nothing visible). */
    private static List<Finding> exempted(AppResult r) {
        return r == null ? List.of() : r.findings().stream().filter(f -> f.exempted() && ChangeReport.visibleMode(f))
                .toList();
    }

    private static Map<ObjectRef, JsonNode> objects(AppResult r) {
        Map<ObjectRef, JsonNode> out = new HashMap<>();
        if (r != null) {
            for (ManifestObject o : r.objects()) {
                out.put(o.ref(), o.raw());
            }
        }
        return out;
    }
}
