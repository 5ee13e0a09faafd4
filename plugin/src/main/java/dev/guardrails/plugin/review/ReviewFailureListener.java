package dev.guardrails.plugin.review;

/**
 * Told when the queue gives a review up for good: a permanent error (the forge answered 401, 403,
 * 404 or 422, a clone URL outside the allowed hosts), or transient errors, time-outs or crashes on
 * every allowed attempt. Implementations make the failure visible on the pull request (a failed
 * check run or commit status); every bean of this type is called, and the queue logs it in any case.
 * Called on a queue thread without the queue's lock; exceptions are logged and ignored.
 */
public interface ReviewFailureListener {

    /**
     * @param request the review given up
     * @param reason  one line, safe to show on the pull request (credentials scrubbed)
     */
    void reviewFailedPermanently(ReviewRequest request, String reason);
}
