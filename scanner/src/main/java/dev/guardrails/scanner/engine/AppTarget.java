package dev.guardrails.scanner.engine;

import dev.guardrails.scanner.render.RenderRequest;

/**
 * One app to render and check: a discovered directory, or an Argo CD Application mapped to a
 * render request.
 *
 * @param name    app name used in findings, exemptions and profiles
 * @param path    repo-relative source path
 * @param request how to render it
 */
public record AppTarget(String name, String path, RenderRequest request) {
}
