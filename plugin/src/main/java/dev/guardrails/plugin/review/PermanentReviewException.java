package dev.guardrails.plugin.review;

/** A review that can never succeed as requested, so the queue does not retry it. */
public final class PermanentReviewException extends Exception {

    public PermanentReviewException(String message) {
        super(message);
    }
}
