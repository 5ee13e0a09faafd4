package dev.guardrails.plugin.webhook;

import dev.guardrails.plugin.review.Forge;
import dev.guardrails.plugin.review.ReviewRequest;

/** What a verified, parsed delivery asks for; the controller turns it into a submission and a response. */
sealed interface Outcome {

    /** GitHub's ping after a webhook is created. */
    record Pong() implements Outcome {
    }

    /** Nothing to do, with the reason sent back to the forge (visible in its delivery log). */
    record Ignored(String reason) implements Outcome {
    }

    /** Everything needed for a review is in the payload. */
    record Review(ReviewRequest request) implements Outcome {
    }

    /** The pull/merge request was closed or merged: its queued reviews are no longer wanted. */
    record Cancel(Forge forge, String repository, int number, String reason) implements Outcome {
    }

    /** A {@code /guardrails rescan} command: the PR's current state has to be fetched from the API. */
    record Rescan(RescanTarget target) implements Outcome {
    }
}
