package dev.guardrails.plugin.review;

/**
 * Accepts reviews to run asynchronously on a bounded pool. Webhooks, comment commands and the
 * reconciler all submit here; duplicates (same {@link ReviewRequest#key()}) are dropped.
 */
public interface ReviewQueue {

    /** What happened to a submission. */
    enum Submission { ACCEPTED, DUPLICATE, FULL }

    Submission submit(ReviewRequest request);
}
