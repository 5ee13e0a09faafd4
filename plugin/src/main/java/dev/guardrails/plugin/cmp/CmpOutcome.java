package dev.guardrails.plugin.cmp;

/**
 * The result of one generate: manifests for stdout, or a failure text for stderr. The CLI turns it
 * into an exit code, the server into an HTTP status; both print the same text.
 *
 * @param status   what happened
 * @param manifests the YAML stream (empty unless {@link Status#OK})
 * @param messages  stderr text: a short summary on success, the reason on failure
 */
public record CmpOutcome(Status status, String manifests, String messages) {

    /** How generate ended. */
    public enum Status {
        /** Manifests produced (possibly annotated). */
        OK,
        /** Enforce mode and at least one blocking finding. */
        BLOCKED,
        /** helm/kustomize failed, or the output did not parse. */
        RENDER_FAILED,
        /** Nothing rendered and {@code allow-empty} was not set. */
        EMPTY,
        /** Bad parameters, environment or {@code .guardrails.yaml}. */
        INVALID
    }

    public CmpOutcome {
        manifests = manifests == null ? "" : manifests;
        messages = messages == null ? "" : messages;
    }

    public boolean ok() {
        return status == Status.OK;
    }

    /** Process exit code: 0 only with manifests (or an intended empty output). */
    public int exitCode() {
        return ok() ? 0 : 1;
    }

    static CmpOutcome failure(Status status, String message) {
        return new CmpOutcome(status, "", message);
    }
}
