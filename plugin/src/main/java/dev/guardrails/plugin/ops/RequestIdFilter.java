package dev.guardrails.plugin.ops;

import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Gives every request an id for log correlation: the caller's {@code X-Request-Id} when it is sane,
 * a new UUID otherwise. The id goes into the MDC as {@code requestId} for the request's whole
 * handling (propagated to whatever thread runs the controller, and removed afterwards) and is echoed
 * in the response header.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class RequestIdFilter {

    /** Header read and echoed. */
    public static final String HEADER = "X-Request-Id";
    /** Request attribute holding the id, for the response filter and for controllers. */
    public static final String ATTRIBUTE = "guardrails.requestId";

    // A caller-chosen id lands in every log line: keep it short and free of control characters.
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    @RequestFilter
    public void assignId(HttpRequest<?> request, MutablePropagatedContext context) {
        String given = request.getHeaders().get(HEADER);
        String id = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        request.setAttribute(ATTRIBUTE, id);
        Map<String, String> mdc = new HashMap<>();
        Map<String, String> current = MDC.getCopyOfContextMap();
        if (current != null) {
            mdc.putAll(current);
        }
        mdc.put(JsonLayout.REQUEST_ID, id);
        context.add(new MdcPropagationContext(mdc));
    }

    @ResponseFilter
    public void echoId(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(ATTRIBUTE, String.class).ifPresent(id -> response.header(HEADER, id));
    }
}
