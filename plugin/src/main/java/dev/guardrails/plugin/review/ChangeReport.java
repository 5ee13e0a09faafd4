package dev.guardrails.plugin.review;

import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.SkippedApp;
import dev.guardrails.scanner.model.Mode;
import java.util.List;
import java.util.Map;

/**
 * What a pull request changes in guardrail terms: per affected app, the findings it introduces and
 * fixes, and how the rendered objects changed.
 *
 * @param baseSha      base commit scanned
 * @param headSha      head commit scanned
 * @param baseRef      target branch
 * @param changedFiles files changed between merge base and head
 * @param totalApps    apps discovered in the head
 * @param policyError  why the head's .guardrails.yaml could not be loaded, or null
 * @param apps         affected apps, sorted by name
 * @param skipped      Applications, ApplicationSets and sources of the head that were not rendered, with
 *                     the reason (coverage: what this review did not check)
 */
public record ChangeReport(String baseSha, String headSha, String baseRef, int changedFiles, int totalApps,
                           String policyError, List<AppChange> apps, List<SkippedApp> skipped) {

    public ChangeReport {
        apps = List.copyOf(apps);
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
    }

    public ChangeReport(String baseSha, String headSha, String baseRef, int changedFiles, int totalApps,
                        String policyError, List<AppChange> apps) {
        this(baseSha, headSha, baseRef, changedFiles, totalApps, policyError, apps, List.of());
    }

    /** Affected apps whose head render failed (or ran past its deadline): not checked. */
    public List<AppChange> failedApps() {
        return apps.stream().filter(a -> a.headError() != null).toList();
    }

    /** {@code 3 rendered, 1 skipped, 0 failed} for the affected apps of the head, like every report. */
    public String coverageLine() {
        long failed = failedApps().size();
        long rendered = apps.stream().filter(a -> a.inHead() && a.headError() == null).count();
        return rendered + " rendered, " + skipped.size() + " skipped, " + failed + " failed";
    }

    /**
     * One affected app.
     *
     * @param name           app name
     * @param path           app directory
     * @param inBase         the app exists on the base
     * @param inHead         the app exists on the head
     * @param added          active findings on the head that the base does not have
     * @param fixed          active findings on the base that the head no longer has, exempted ones excluded
     * @param exempted       findings the head exempts that the base did not: active there, or new and
     *                       exempted at once; never counted as fixed
     * @param unchanged      active findings present on both
     * @param objectsAdded   rendered objects only on the head
     * @param objectsRemoved rendered objects only on the base
     * @param objectsChanged rendered objects on both whose content differs
     * @param headError      why the head failed to render, or null
     * @param type           how the head renders the app (helm, kustomize, directory), or null when removed
     * @param diff           unified diff of the rendered objects, Secret values redacted; empty when unchanged
     * @param valueSources   for new findings of Helm apps, by fingerprint: the values-file key that sets the value
     */
    public record AppChange(String name, String path, boolean inBase, boolean inHead, List<Finding> added,
                            List<Finding> fixed, List<Finding> exempted, int unchanged, int objectsAdded,
                            int objectsRemoved, int objectsChanged, String headError, String type, String diff,
                            Map<String, HelmLines.ValueSource> valueSources) {

        public AppChange {
            added = List.copyOf(added);
            fixed = List.copyOf(fixed);
            exempted = exempted == null ? List.of() : List.copyOf(exempted);
            diff = diff == null ? "" : diff;
            valueSources = valueSources == null ? Map.of() : Map.copyOf(valueSources);
        }

        public long newBlocking() {
            return added.stream().filter(Finding::blocking).count();
        }

        public long newWarnings() {
            return added.stream().filter(f -> !f.blocking()).count();
        }
    }

    public long newBlocking() {
        return apps.stream().mapToLong(AppChange::newBlocking).sum();
    }

    public long newWarnings() {
        return apps.stream().mapToLong(AppChange::newWarnings).sum();
    }

    public long fixed() {
        return apps.stream().mapToLong(a -> a.fixed().size()).sum();
    }

    public long newlyExempted() {
        return apps.stream().mapToLong(a -> a.exempted().size()).sum();
    }

    public long unchanged() {
        return apps.stream().mapToLong(AppChange::unchanged).sum();
    }

    /** Whether the comment has anything to tell: new, fixed or newly exempted findings, or an invalid policy. */
    public boolean noteworthy() {
        return policyError != null || newBlocking() + newWarnings() + fixed() + newlyExempted() > 0;
    }

    /** Whether the change blocks: a new enforce-mode finding or an invalid policy file. */
    public boolean blocking() {
        return policyError != null || newBlocking() > 0;
    }

    /** Modes a PR shows: audit-mode findings are for reports only. */
    static boolean shown(Finding f) {
        return !f.exempted() && visibleMode(f);
    }

    static boolean visibleMode(Finding f) {
        return f.mode() == Mode.WARN || f.mode() == Mode.ENFORCE;
    }
}
