package dev.guardrails.scanner.fix;

/** A fix that cannot be written into the source as it is; the message says why, for the user. */
public final class FixException extends Exception {

    public FixException(String message) {
        super(message);
    }
}
