package dev.guardrails.plugin.ops;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.exceptions.BufferLengthExceededException;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.BufferLengthExceededHandler;
import io.micronaut.http.server.exceptions.ContentLengthExceededHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * The server's own body-size refusals (a Content-Length over the limit, or a body that outgrows it)
 * answered like the webhook controller's: 413 in plain text naming the limit and its setting, never
 * Micronaut's JSON error. The limit is {@code guardrails.webhook.max-body-bytes}; application.yml
 * derives the server's {@code max-request-size} and {@code max-request-buffer-size} from it.
 */
@Factory
final class BodyLimitHandlers {

    static String message(long limit) {
        return "payload too large: limit is " + limit + " bytes (guardrails.webhook.max-body-bytes)";
    }

    private static HttpResponse<String> tooLarge(long limit) {
        return HttpResponse.<String>status(HttpStatus.REQUEST_ENTITY_TOO_LARGE)
                .contentType(MediaType.TEXT_PLAIN_TYPE).body(message(limit));
    }

    @Singleton
    @Replaces(ContentLengthExceededHandler.class)
    ExceptionHandler<ContentLengthExceededException, HttpResponse<?>> contentLength(
            @Value("${guardrails.webhook.max-body-bytes:26214400}") long limit) {
        return (HttpRequest request, ContentLengthExceededException e) -> tooLarge(limit);
    }

    @Singleton
    @Replaces(BufferLengthExceededHandler.class)
    ExceptionHandler<BufferLengthExceededException, HttpResponse<?>> bufferLength(
            @Value("${guardrails.webhook.max-body-bytes:26214400}") long limit) {
        return (HttpRequest request, BufferLengthExceededException e) -> tooLarge(limit);
    }
}
