package dev.guardrails.scanner.rules.cel;

/** A custom rule's expression does not compile; the message is CEL's, with line and column. */
public final class CelCheckException extends Exception {

    private static final long serialVersionUID = 1L;

    public CelCheckException(String message) {
        super(message);
    }

    public CelCheckException(String message, Throwable cause) {
        super(message, cause);
    }
}
