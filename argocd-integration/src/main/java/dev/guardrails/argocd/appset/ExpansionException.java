package dev.guardrails.argocd.appset;

/** A reason why one generator or one param set could not be expanded; becomes a problem line. */
final class ExpansionException extends Exception {

    private static final long serialVersionUID = 1L;

    ExpansionException(String message) {
        super(message);
    }

    ExpansionException(String message, Throwable cause) {
        super(message, cause);
    }
}
