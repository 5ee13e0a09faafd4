package dev.guardrails.plugin.forge;

import dev.guardrails.plugin.review.Forge;
import dev.guardrails.plugin.review.ReviewRequest;
import java.util.List;
import java.util.Optional;

/**
 * The forge API as the PR bot needs it: credentials for cloning, publishing a review, and the
 * lookups behind the reconciler and comment commands.
 */
public interface ForgeClient {

    Forge forge();

    /** REST API root this client talks to, without a trailing slash. */
    String apiBaseUrl();

    /** User name to pair with {@link #gitToken} for HTTPS clones ({@code x-access-token}, {@code oauth2}). */
    String gitUser();

    /** Token for HTTPS clones of the request's repositories, if any is configured. */
    Optional<String> gitToken(ReviewRequest request) throws ForgeApiException;

    /** The ref under which the forge exposes the PR head in the base repository, e.g. refs/pull/7/head. */
    String headRef(int number);

    /**
     * Shows that the head is being reviewed: an in-progress check run (GitHub App) or a pending
     * commit status, so a required check never waits on nothing. Repeated calls for the same request
     * are no-ops within one process; {@link #publish} later completes the same check run.
     */
    void markInProgress(ReviewRequest request) throws ForgeApiException;

    /**
     * Updates (or creates) the sticky comment, posts inline comments not posted before, and
     * completes the check run or sets the commit status for the head SHA. A request without a pull
     * request (a merge queue group) gets the check or status only.
     */
    void publish(ReviewRequest request, Publication publication) throws ForgeApiException;

    /** Whether results appear as check runs (GitHub App), which have a Re-run button. */
    default boolean checkRuns() {
        return false;
    }

    /** Open pull/merge requests of a repository (GitHub owner/name, GitLab project path or id). */
    List<OpenRequest> openRequests(String repository, Long installationId) throws ForgeApiException;

    /** Whether guardrails already reported on this head SHA (check run or commit status named guardrails). */
    boolean hasResult(OpenRequest request, Long installationId) throws ForgeApiException;

    /** The pull/merge request as a review request with the given trigger, or empty when it is not open or not found. */
    Optional<ReviewRequest> fetch(String repository, String projectId, int number, Long installationId, String trigger)
            throws ForgeApiException;
}
