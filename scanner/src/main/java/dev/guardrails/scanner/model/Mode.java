package dev.guardrails.scanner.model;

import java.util.Locale;

/**
 * What happens when a rule fires, per environment. Ordered from weakest to strongest, so the
 * strongest mode among a set of findings decides the exit code.
 */
public enum Mode {
    /** The rule does not run. */
    OFF,
    /** Findings are recorded in reports only. */
    AUDIT,
    /** Findings are shown to the author (PR comment, CMP annotations) but never block. */
    WARN,
    /** Findings block: non-zero exit, failed check run, failed Argo CD generate. */
    ENFORCE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Mode parse(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT));
    }
}
