package dev.guardrails.scanner.fix;

import dev.guardrails.scanner.engine.AppResult;
import dev.guardrails.scanner.engine.AppTarget;
import dev.guardrails.scanner.k8s.Container;
import dev.guardrails.scanner.k8s.ImageRef;
import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.ObjectRef;
import dev.guardrails.scanner.render.SourceType;
import dev.guardrails.scanner.report.UnifiedDiff;
import dev.guardrails.scanner.rule.RuleSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Writes fixes into the source and keeps only those the re-rendered app confirms.
 *
 * <p>Per app: the findings of auto-fixable rules become edits on their rendered objects, the
 * app type's {@link SourceWriter} turns them into file changes, all of them are written, and the
 * app is rendered and checked again. A fix is kept only when its findings are gone and nothing new
 * appeared; otherwise everything is rolled back and the fixes are retried one by one, each with
 * its alternatives (an overlay patch after an in-place edit, the next values key), so one bad
 * fix does not cost the good ones. What cannot be kept is reported as refused, with the reason.
 */
public final class FixRunner {

    /** Renders the repo as it is on disk now (files change between calls). */
    public interface Renderings {

        /** The apps of the repo, as a scan would render them. */
        List<AppTarget> plan() throws IOException;

        /** One app rendered and checked from the files as they are now. */
        AppResult evaluate(String appName) throws IOException;
    }

    private final SourceFiles files;
    private final FixDefaults defaults;
    private final RuleSettings settings;
    private final Predicate<Finding> which;
    private final Map<SourceType, SourceWriter> writers = new EnumMap<>(SourceType.class);
    private Predicate<String> appsToFix = name -> true;

    /**
     * @param defaults the policy's {@code fixes:} values
     * @param settings the policy's rule settings (required label keys)
     * @param which    which findings to fix (e.g. those of the {@code --rule} ids, or a review's new findings)
     */
    public FixRunner(SourceFiles files, FixDefaults defaults, RuleSettings settings, Predicate<Finding> which) {
        this.files = files;
        this.defaults = defaults;
        this.settings = settings;
        this.which = which;
        writers.put(SourceType.DIRECTORY, new PlainManifestWriter());
        writers.put(SourceType.KUSTOMIZE, new KustomizeWriter());
        writers.put(SourceType.HELM, new HelmValuesWriter());
    }

    /**
     * Fixes only the planned apps this accepts (a review: the apps of its new findings). The others
     * are still rendered when they share an app's source path, to check they gain no finding.
     */
    public FixRunner onlyApps(Predicate<String> names) {
        this.appsToFix = names;
        return this;
    }

    /** One fix: the edits on one object that clear one or more findings, and where to write them. */
    private record Unit(ManifestObject object, List<Finding> findings, List<Edit> edits, List<Alternative> alternatives) {
    }

    /**
     * Fixes the repo in place. (A dry run is this on a copy of the repo: files are written and
     * re-rendered for real, which a preview without rendering could not prove.)
     */
    public FixReport run(Renderings renderings) throws IOException {
        Map<String, String> originals = new LinkedHashMap<>();
        List<FixOutcome> outcomes = new ArrayList<>();
        List<AppTarget> planned = renderings.plan();
        List<AppTarget> apps = planned.stream().filter(a -> appsToFix.test(a.name())).toList();
        // The latest checked result per app, the baseline against which its siblings are checked.
        Map<String, AppResult> latest = new LinkedHashMap<>();
        Map<String, String> digests = new HashMap<>();
        for (AppTarget app : apps) {
            AppResult result = renderings.evaluate(app.name());
            latest.put(app.name(), result);
            result.objects().forEach(o -> collectDigests(o, digests));
        }
        FixContext context = new FixContext(defaults, settings, digests);
        Map<String, AppResult> first = new HashMap<>(latest);
        for (AppTarget app : apps) {
            // An earlier app's fix may have changed a shared file (a chart's values.yaml).
            AppResult before = originals.isEmpty() ? latest.get(app.name()) : renderings.evaluate(app.name());
            if (!originals.isEmpty()) {
                fixedBefore(first.get(app.name()), before, originals.keySet(), outcomes);
            }
            latest.put(app.name(), before);
            List<String> siblings = planned.stream().filter(a -> a.path().equals(app.path())
                    && !a.name().equals(app.name())).map(AppTarget::name).toList();
            fixApp(app, before, new Siblings(siblings, renderings, latest), renderings, context, originals, outcomes);
        }
        Map<String, String> diffs = new TreeMap<>();
        for (Map.Entry<String, String> e : originals.entrySet()) {
            String after = read(e.getKey());
            if (!after.equals(e.getValue())) {
                diffs.put(e.getKey(), UnifiedDiff.of(e.getKey(), e.getValue(), after));
            }
        }
        return new FixReport(outcomes, diffs);
    }

    private void fixApp(AppTarget app, AppResult before, Siblings siblings, Renderings renderings, FixContext context,
                        Map<String, String> originals, List<FixOutcome> outcomes) throws IOException {
        List<Unit> units = new ArrayList<>();
        Map<String, Unit> byEdits = new LinkedHashMap<>();
        for (Finding finding : before.findings()) {
            if (finding.exempted() || !which.test(finding)) {
                continue;
            }
            Optional<Fixer> fixer = BuiltinFixes.forRule(finding.ruleId());
            if (fixer.isEmpty()) {
                continue;
            }
            ManifestObject object = objectOf(finding, before.objects());
            if (object == null) {
                outcomes.add(new FixOutcome(finding, FixOutcome.Status.NOT_FIXABLE, "the object was not rendered"));
                continue;
            }
            Proposal proposal = fixer.get().propose(object, finding, context);
            if (!proposal.fixable()) {
                outcomes.add(new FixOutcome(finding, FixOutcome.Status.NOT_FIXABLE, proposal.reason()));
                continue;
            }
            String key = object.ref() + "|" + proposal.edits();
            Unit existing = byEdits.get(key);
            if (existing != null) {
                existing.findings().add(finding);
                continue;
            }
            SourceWriter writer = writers.get(app.request().type());
            List<Alternative> alternatives;
            try {
                if (writer == null) {
                    throw new FixException(app.request().type().id() + " apps are not written by guardrails fix");
                }
                alternatives = writer.alternatives(app, object, proposal.edits(), files);
            } catch (FixException e) {
                outcomes.add(new FixOutcome(finding, FixOutcome.Status.NOT_FIXABLE,
                        e.getMessage() + (finding.location().file().isEmpty() ? "" : "; edit " + finding.location())));
                continue;
            }
            Unit unit = new Unit(object, new ArrayList<>(List.of(finding)), proposal.edits(), alternatives);
            byEdits.put(key, unit);
            units.add(unit);
        }
        if (units.isEmpty()) {
            return;
        }
        siblings.baseline();
        // All at once first: one render when every fix is right, as it usually is.
        Map<String, String> snapshot = new HashMap<>();
        List<Unit> applied = new ArrayList<>();
        for (Unit u : units) {
            try {
                apply(u.alternatives().get(0), snapshot, originals);
                applied.add(u);
            } catch (FixException e) {
                // Retried alone below with every alternative.
            }
        }
        if (applied.size() == units.size()) {
            AppResult after = renderings.evaluate(app.name());
            if (verify(units, before, after).isEmpty() && siblings.problem().isEmpty()) {
                siblings.accept();
                units.forEach(u -> u.findings().forEach(f -> outcomes.add(new FixOutcome(f, FixOutcome.Status.FIXED,
                        u.alternatives().get(0).where(), u.alternatives().get(0).changes()))));
                return;
            }
        }
        rollback(snapshot);
        AppResult current = before;
        for (Unit u : units) {
            String reason = "no way to write it";
            boolean kept = false;
            boolean written = false;
            for (Alternative alternative : u.alternatives()) {
                Map<String, String> undo = new HashMap<>();
                try {
                    apply(alternative, undo, originals);
                } catch (FixException e) {
                    rollback(undo);
                    // A later alternative's reason (a re-render) says more than this one's.
                    reason = written ? reason : e.getMessage();
                    continue;
                }
                written = true;
                AppResult after = renderings.evaluate(app.name());
                String problem = verify(List.of(u), current, after);
                if (problem.isEmpty()) {
                    problem = siblings.problem();
                }
                if (problem.isEmpty()) {
                    siblings.accept();
                    current = after;
                    kept = true;
                    u.findings().forEach(f -> outcomes.add(new FixOutcome(f, FixOutcome.Status.FIXED, alternative.where(),
                            alternative.changes())));
                    break;
                }
                rollback(undo);
                reason = alternative.where() + ": " + problem;
            }
            if (!kept && !written) {
                // Nothing could be written (a flow mapping, an anchor): not a refusal by the re-render.
                String why = reason + (u.findings().get(0).location().file().isEmpty() ? ""
                        : "; edit " + u.findings().get(0).location());
                u.findings().forEach(f -> outcomes.add(new FixOutcome(f, FixOutcome.Status.NOT_FIXABLE, why)));
            } else if (!kept) {
                String why = reason;
                u.findings().forEach(f -> outcomes.add(new FixOutcome(f, FixOutcome.Status.REFUSED, "rolled back, " + why)));
            }
        }
    }

    /**
     * Findings of this app that an earlier app's fix already cleared (both render a shared file): fixed,
     * and said so, so every finding of a fixable rule is accounted for.
     */
    private void fixedBefore(AppResult first, AppResult now, java.util.Collection<String> written,
                             List<FixOutcome> outcomes) {
        if (first == null || (now.report() != null && now.report().failed())) {
            return;
        }
        Set<String> remaining = new HashSet<>();
        now.findings().forEach(f -> remaining.add(f.fingerprint()));
        List<String> sorted = List.copyOf(new java.util.TreeSet<>(written));
        String files = String.join(", ", sorted.subList(0, Math.min(3, sorted.size())))
                + (sorted.size() > 3 ? " and " + (sorted.size() - 3) + " more" : "");
        for (Finding f : first.findings()) {
            if (!f.exempted() && which.test(f) && BuiltinFixes.forRule(f.ruleId()).isPresent()
                    && !remaining.contains(f.fingerprint())) {
                outcomes.add(new FixOutcome(f, FixOutcome.Status.FIXED, "by a fix already written for another app, in "
                        + files));
            }
        }
    }

    /**
     * The other apps rendered from the same source path (a chart's value variants, Applications of
     * one path with other parameters): a fix in a file they share must not add a finding to them.
     */
    private static final class Siblings {

        private final List<String> names;
        private final Renderings renderings;
        private final Map<String, AppResult> latest;
        private final Map<String, AppResult> pending = new HashMap<>();

        Siblings(List<String> names, Renderings renderings, Map<String, AppResult> latest) {
            this.names = names;
            this.renderings = renderings;
            this.latest = latest;
        }

        /** Renders the siblings not seen yet, before anything is written for this app. */
        void baseline() throws IOException {
            for (String name : names) {
                if (!latest.containsKey(name)) {
                    latest.put(name, renderings.evaluate(name));
                }
            }
        }

        /** Empty when no sibling gains a finding or stops rendering with the files as they are now. */
        String problem() throws IOException {
            pending.clear();
            for (String name : names) {
                AppResult before = latest.get(name);
                AppResult after = renderings.evaluate(name);
                pending.put(name, after);
                if (after.report() != null && after.report().failed()
                        && (before.report() == null || !before.report().failed())) {
                    return name + " no longer renders (" + after.report().error() + ")";
                }
                Finding added = firstAdded(before, after);
                if (added != null) {
                    return "the re-render of " + name + " adds " + added.ruleId() + ": " + added.message();
                }
            }
            return "";
        }

        /** The checked state becomes the baseline for the next fix. */
        void accept() {
            latest.putAll(pending);
            pending.clear();
        }
    }

    /**
     * The rendered object a finding is about. Findings name it as placed (the app's namespace
     * filled in) and with generated name parts reduced ({@code web-test-*}), so both are allowed.
     */
    private static ManifestObject objectOf(Finding finding, List<ManifestObject> objects) {
        ObjectRef ref = finding.object();
        ManifestObject fallback = null;
        for (ManifestObject o : objects) {
            if (!o.kind().equals(ref.kind()) || !o.apiVersion().equals(ref.apiVersion())
                    || !(o.name().equals(ref.name()) || o.identity().name().equals(ref.name()))) {
                continue;
            }
            if (o.namespace().equals(ref.namespace())) {
                return o;
            }
            if (o.namespace().isEmpty() && fallback == null) {
                fallback = o;
            }
        }
        return fallback;
    }

    /** Empty when every unit's findings are gone and the re-render adds none; else what went wrong. */
    private static String verify(List<Unit> units, AppResult before, AppResult after) {
        if (after.report() != null && after.report().failed()) {
            return "the app no longer renders (" + after.report().error() + ")";
        }
        Set<String> remaining = new HashSet<>();
        after.findings().stream().filter(f -> !f.exempted()).forEach(f -> remaining.add(f.fingerprint()));
        for (Unit u : units) {
            for (Finding f : u.findings()) {
                if (remaining.contains(f.fingerprint())) {
                    return "the re-render still reports " + f.ruleId() + " at " + (f.path().isEmpty() ? f.object() : f.path());
                }
            }
        }
        Finding added = firstAdded(before, after);
        return added == null ? "" : "the re-render adds " + added.ruleId() + ": " + added.message();
    }

    /** The first active finding of {@code after} that {@code before} did not have, or null. */
    private static Finding firstAdded(AppResult before, AppResult after) {
        Set<String> old = new HashSet<>();
        before.findings().forEach(f -> old.add(f.fingerprint()));
        for (Finding f : after.findings()) {
            if (!f.exempted() && !old.contains(f.fingerprint())) {
                return f;
            }
        }
        return null;
    }

    private void apply(Alternative alternative, Map<String, String> undo, Map<String, String> originals)
            throws FixException, IOException {
        Map<String, String> texts = new LinkedHashMap<>();
        for (SourceChange change : alternative.changes()) {
            String current = texts.containsKey(change.file()) ? texts.get(change.file()) : read(change.file());
            texts.put(change.file(), change.apply(current));
        }
        for (Map.Entry<String, String> e : texts.entrySet()) {
            String previous = read(e.getKey());
            originals.putIfAbsent(e.getKey(), previous);
            undo.putIfAbsent(e.getKey(), previous);
            write(e.getKey(), e.getValue());
        }
    }

    private void rollback(Map<String, String> undo) throws IOException {
        for (Map.Entry<String, String> e : undo.entrySet()) {
            write(e.getKey(), e.getValue());
        }
        undo.clear();
    }

    // A file that cannot be read or written mid-run leaves the repo half-fixed: that is fatal.
    private String read(String file) throws IOException {
        try {
            return files.read(file);
        } catch (FixException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Writes a file; an empty text deletes it (a file the fix created and then rolled back). */
    private void write(String file, String text) throws IOException {
        try {
            if (text.isEmpty()) {
                files.delete(file);
            } else {
                files.write(file, text);
            }
        } catch (FixException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static void collectDigests(ManifestObject object, Map<String, String> digests) {
        PodTemplate.of(object).ifPresent(pod -> {
            for (Container c : pod.allContainers()) {
                String image = c.image();
                int at = image.indexOf("@sha256:");
                if (at > 0 && ImageRef.parse(image).hasDigest()) {
                    digests.putIfAbsent(image.substring(0, at), image.substring(at + 1));
                }
            }
        });
    }
}
