package dev.guardrails.scanner.parse;

/**
 * Bounds that keep hostile input (alias bombs, deep nesting, huge files) from exhausting memory.
 *
 * @param maxBytes     largest input accepted, in bytes (UTF-8)
 * @param maxAliases   most YAML aliases ({@code *ref}) accepted in one input; Kubernetes manifests
 *                     rendered by helm or kustomize contain none
 * @param maxDepth     deepest nesting of mappings and sequences
 * @param maxDocuments most YAML documents in one input
 */
public record ParseLimits(long maxBytes, int maxAliases, int maxDepth, int maxDocuments) {

    public static final ParseLimits DEFAULT = new ParseLimits(64L * 1024 * 1024, 50, 64, 100_000);
}
