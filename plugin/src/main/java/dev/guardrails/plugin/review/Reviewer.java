package dev.guardrails.plugin.review;

/**
 * Reviews one pull/merge request: clones base and head, scans what the change affects, and
 * publishes the sticky comment and check result. Called from the review queue's worker threads.
 */
public interface Reviewer {

    /**
     * @throws Exception when the review could not be completed; the queue logs it and may retry
     */
    void review(ReviewRequest request) throws Exception;

    /**
     * The request was accepted for review: show it on the PR (in-progress check run or pending
     * status) without waiting for a worker. Must not block the caller.
     */
    default void accepted(ReviewRequest request) {
    }

    /**
     * The review failed for good (no further retry): publish a failed check or status and a comment
     * with the reason and how to re-run, so a required check never waits forever. Never throws.
     *
     * @param reason why, for the PR's readers; credentials are scrubbed before publishing
     */
    default void failed(ReviewRequest request, String reason) {
    }
}
