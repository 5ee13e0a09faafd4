package dev.guardrails.plugin.review;

/**
 * Accepts reviews to run asynchronously on a bounded pool. Webhooks, comment commands and the
 * reconciler all submit here; duplicates (same {@link ReviewRequest#key()}) are dropped.
 */
public interface ReviewQueue {

    /**
     * What happened to a submission. {@code ACCEPTED} is only returned once the request is durable;
     * {@code UNAVAILABLE} means it could not be stored (disk full) and the sender should retry.
     */
    enum Submission { ACCEPTED, DUPLICATE, FULL, UNAVAILABLE }

    Submission submit(ReviewRequest request);

    /**
     * The pull/merge request was closed: drops its queued and retry-pending reviews (a running one
     * finishes but is not retried).
     *
     * @return how many reviews were dropped
     */
    default int cancel(Forge forge, String repository, int number) {
        return 0;
    }
}
