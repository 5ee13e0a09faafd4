package dev.guardrails.scanner.schema;

/**
 * One way an object breaks its schema.
 *
 * @param path    field path of the offending field, or of the object missing a required field
 * @param message what the API server would object to
 */
public record SchemaProblem(String path, String message) {
}
