package dev.guardrails.plugin.server;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Guards the CMP endpoint before its body is read: it answers only on its own loopback listener
 * ({@code guardrails.cmp.port}; 404 on any other, as if it did not exist) and only to callers
 * presenting the shared token (401 otherwise).
 */
@ServerFilter("/api/v1/cmp/**")
@Requires(property = "guardrails.cmp.enabled", value = "true")
public final class CmpAccessFilter {

    private final CmpSettings settings;
    private final CmpToken token;

    public CmpAccessFilter(CmpSettings settings, CmpToken token) {
        this.settings = settings;
        this.token = token;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<String> guard(HttpRequest<?> request) {
        if (request.getServerAddress() == null || request.getServerAddress().getPort() != settings.port()) {
            return text(HttpStatus.NOT_FOUND, "Not Found");
        }
        if (!token.matches(request.getHeaders().get(CmpToken.HEADER))) {
            return text(HttpStatus.UNAUTHORIZED, "guardrails: missing or wrong CMP token (" + CmpToken.HEADER
                    + "; the sidecar reads it from guardrails.cmp.token-file)\n");
        }
        return null;
    }

    private static HttpResponse<String> text(HttpStatus status, String body) {
        return HttpResponse.<String>status(status).contentType(MediaType.TEXT_PLAIN_TYPE).body(body);
    }
}
