package dev.guardrails.scanner.model;

import java.util.Objects;

/**
 * One rule violation in one object of one app, after the profile decided its mode.
 *
 * @param ruleId      the rule's stable id
 * @param title       the rule's title
 * @param category    the rule's category
 * @param severity    the rule's severity
 * @param mode        the mode the app's profile gives this rule (never OFF: those are dropped)
 * @param app         app name (its repo path, or Argo CD Application name)
 * @param object      the offending object
 * @param location    source file and line of the offending field
 * @param path        field path within the object, empty for the object as a whole
 * @param message     what is wrong
 * @param remediation how to fix it
 * @param exemption   the exemption that suppresses it, or null when it is active
 */
public record Finding(
        String ruleId,
        String title,
        Category category,
        Severity severity,
        Mode mode,
        String app,
        ObjectRef object,
        SourceSpan location,
        String path,
        String message,
        String remediation,
        Exemption exemption) {

    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(location, "location");
        path = path == null ? "" : path;
    }

    public boolean exempted() {
        return exemption != null;
    }

    /** Active and enforced: this finding fails the scan, the CMP generate and the check run. */
    public boolean blocking() {
        return exemption == null && mode == Mode.ENFORCE;
    }

    public Finding withExemption(Exemption e) {
        return new Finding(ruleId, title, category, severity, mode, app, object, location, path, message, remediation, e);
    }

    public Finding withMode(Mode m) {
        return new Finding(ruleId, title, category, severity, m, app, object, location, path, message, remediation, exemption);
    }

    /**
     * Identity that survives unrelated edits (line numbers shift, messages stay): used to tell
     * new findings from old ones between two revisions. Generated name parts (Kustomize content
     * hashes) are left out, see {@link ObjectIdentity}.
     */
    public String fingerprint() {
        return ruleId + "|" + app + "|" + ObjectIdentity.stable(object) + "|" + path;
    }
}
