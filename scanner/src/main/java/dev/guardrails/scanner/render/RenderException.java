package dev.guardrails.scanner.render;

/**
 * A render that could not produce manifests. The message says what failed (which app, which file or
 * command) and carries the tool's stderr; it never carries environment values or tokens.
 */
public final class RenderException extends Exception {

    private static final long serialVersionUID = 1L;

    public RenderException(String message) {
        super(message);
    }

    public RenderException(String message, Throwable cause) {
        super(message, cause);
    }
}
