package dev.guardrails.scanner.render;

/**
 * Rendered YAML attributed to one repo file, so findings can point at something a reviewer can open.
 *
 * @param path       repo-relative path with {@code /}: the helm template, the kustomization file, or
 *                   the manifest itself
 * @param content    the rendered text (one or more YAML documents)
 * @param exactLines true when line {@code n} of {@code content} is line {@code n} of the repo file
 *                   (directory apps); otherwise lines point into rendered output only
 */
public record RenderedFile(String path, String content, boolean exactLines) {
}
