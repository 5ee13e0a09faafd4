package dev.guardrails.scanner.rule;

/**
 * One thing a rule found wrong in one object.
 *
 * @param path    {@link dev.guardrails.scanner.model.FieldPath} of the offending field, or of the
 *                place a missing field belongs; empty for the object as a whole
 * @param message what is wrong, naming the container or field, without the remediation
 */
public record Violation(String path, String message) {

    public Violation {
        path = path == null ? "" : path;
    }
}
