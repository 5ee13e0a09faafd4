package dev.guardrails.plugin.forge;

/**
 * A forge API call that failed for good: names the method, the path and the HTTP status (0 when no
 * response arrived), never headers, tokens or query strings.
 */
public final class ForgeApiException extends Exception {

    private final String method;
    private final String path;
    private final int status;

    public ForgeApiException(String method, String path, int status, String detail, Throwable cause) {
        super(method + " " + path + " failed: " + (status == 0 ? "no response" : "HTTP " + status)
                + (detail == null || detail.isBlank() ? "" : " (" + detail + ")"), cause);
        this.method = method;
        this.path = path;
        this.status = status;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    /** HTTP status, or 0 for a connection error or timeout. */
    public int status() {
        return status;
    }

    /** A server error or no response: the call may have had an effect, and trying again may help. */
    public boolean transientFailure() {
        return status == 0 || status >= 500;
    }
}
