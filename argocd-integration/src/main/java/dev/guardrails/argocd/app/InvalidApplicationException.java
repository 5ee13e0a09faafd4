package dev.guardrails.argocd.app;

/**
 * An Application (or one of its sources) that Argo CD itself would refuse. The message names the
 * field; callers prefix the Application.
 */
public final class InvalidApplicationException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidApplicationException(String message) {
        super(message);
    }
}
