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
}
