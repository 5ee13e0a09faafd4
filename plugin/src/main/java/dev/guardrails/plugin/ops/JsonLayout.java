package dev.guardrails.plugin.ops;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.util.Map;

/**
 * One JSON object per log event, on one line, for log shippers that parse JSON (Loki, Cloud
 * Logging, Elasticsearch): {@code timestamp}, {@code level}, {@code logger}, {@code message},
 * {@code thread}, {@code requestId} (from the MDC, when set) and {@code exception}. Message and
 * exception text pass through {@link Redactor} first.
 */
public final class JsonLayout extends LayoutBase<ILoggingEvent> {

    /** The MDC key the request filter sets. */
    public static final String REQUEST_ID = "requestId";

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder json = new StringBuilder(256);
        json.append('{');
        field(json, "timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        json.append(',');
        field(json, "level", event.getLevel().toString());
        json.append(',');
        field(json, "logger", event.getLoggerName());
        json.append(',');
        field(json, "message", Redactor.redact(event.getFormattedMessage()));
        json.append(',');
        field(json, "thread", event.getThreadName());
        Map<String, String> mdc = event.getMDCPropertyMap();
        String requestId = mdc == null ? null : mdc.get(REQUEST_ID);
        if (requestId != null) {
            json.append(',');
            field(json, REQUEST_ID, requestId);
        }
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            json.append(',');
            field(json, "exception", Redactor.redact(ThrowableProxyUtil.asString(thrown)));
        }
        json.append('}').append(CoreConstants.LINE_SEPARATOR);
        return json.toString();
    }

    @Override
    public String getContentType() {
        return "application/json";
    }

    private static void field(StringBuilder json, String name, String value) {
        quote(json, name);
        json.append(':');
        if (value == null) {
            json.append("null");
        } else {
            quote(json, value);
        }
    }

    /** Appends a JSON string literal (RFC 8259 escaping). */
    static void quote(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
