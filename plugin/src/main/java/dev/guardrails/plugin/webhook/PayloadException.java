package dev.guardrails.plugin.webhook;

/** A delivery body that is not JSON or lacks a field we need; answered with 400 and this message. */
final class PayloadException extends Exception {

    PayloadException(String message) {
        super(message);
    }
}
