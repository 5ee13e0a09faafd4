package dev.guardrails.scanner.rules.cel;

/** A custom rule's expression does not compile; the message is CEL's, with line and column. */
public final class CelRuleException extends Exception {

    private static final long serialVersionUID = 1L;

    public CelRuleException(String message) {
        super(message);
    }

    public CelRuleException(String message, Throwable cause) {
        super(message, cause);
    }
}
