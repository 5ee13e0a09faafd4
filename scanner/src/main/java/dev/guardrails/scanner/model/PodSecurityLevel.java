package dev.guardrails.scanner.model;

import java.util.Locale;

/** The Pod Security Standards level a rule enforces, if it is one of the PSS controls. */
public enum PodSecurityLevel {
    NONE, BASELINE, RESTRICTED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
