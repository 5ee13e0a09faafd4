package dev.guardrails.argocd.cmp;

/**
 * The environment Argo CD handed the plugin breaks the CMP contract or our parameters (malformed
 * {@code ARGOCD_APP_PARAMETERS}, unknown mode, path escaping the repo). The message is shown to the
 * user verbatim in the Application's {@code ComparisonError}, so it names the variable or parameter.
 */
public final class CmpContractException extends Exception {

    private static final long serialVersionUID = 1L;

    public CmpContractException(String message) {
        super(message);
    }

    public CmpContractException(String message, Throwable cause) {
        super(message, cause);
    }
}
