package dev.guardrails.scanner.render;

/** Turns one app's source into manifests. Implementations are stateless and thread-safe. */
public interface Renderer {

    /** The source type this renderer handles. */
    SourceType type();

    /**
     * Renders the app.
     *
     * @throws RenderException when the source is missing, unsafe (escapes the repo, needs the network)
     *                         or the tool fails
     */
    RenderOutput render(RenderRequest request) throws RenderException;
}
