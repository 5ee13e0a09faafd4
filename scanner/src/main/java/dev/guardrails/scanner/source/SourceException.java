package dev.guardrails.scanner.source;

/** A repository or revision that cannot be checked out; names the repo and ref, never credentials. */
public class SourceException extends Exception {

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }

    public SourceException(String message) {
        super(message);
    }
}
