package dev.guardrails.plugin.ops;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The encoder of {@code logback.xml}: JSON lines when {@code GUARDRAILS_LOG_FORMAT=json} (or the
 * system property {@code guardrails.log.format=json}), the configured text pattern otherwise. The
 * choice lives here rather than in an {@code <if>} block because logback evaluates those only with
 * janino, which the binary does not ship. Either way each line is {@link Redactor redacted}.
 */
public final class GuardrailsEncoder extends EncoderBase<ILoggingEvent> {

    /** System property that selects the format; wins over the environment variable. */
    public static final String FORMAT_PROPERTY = "guardrails.log.format";
    /** Environment variable that selects the format. */
    public static final String FORMAT_ENV = "GUARDRAILS_LOG_FORMAT";

    private String pattern = "%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n";
    private String format;
    private Layout<ILoggingEvent> layout;

    /** The text pattern (logback {@code PatternLayout} syntax) used when the format is not JSON. */
    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    /** Forces a format ({@code json} or {@code text}) regardless of the environment; for tests and config. */
    public void setFormat(String format) {
        this.format = format;
    }

    /** Whether this encoder writes JSON (decided at {@link #start()}). */
    public boolean json() {
        return layout instanceof JsonLayout;
    }

    @Override
    public void start() {
        if (selectedFormat().equals("json")) {
            JsonLayout json = new JsonLayout();
            json.setContext(getContext());
            json.start();
            layout = json;
        } else {
            PatternLayout text = new PatternLayout();
            text.setContext(getContext());
            text.setPattern(pattern);
            text.start();
            layout = text;
        }
        super.start();
    }

    @Override
    public void stop() {
        if (layout != null) {
            layout.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        String line = layout.doLayout(event);
        // JsonLayout redacts before escaping (escaping would hide quotes from the patterns).
        return (json() ? line : Redactor.redact(line)).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }

    private String selectedFormat() {
        String chosen = format;
        if (chosen == null || chosen.isBlank()) {
            chosen = System.getProperty(FORMAT_PROPERTY);
        }
        if (chosen == null || chosen.isBlank()) {
            chosen = System.getenv(FORMAT_ENV);
        }
        return chosen == null ? "text" : chosen.trim().toLowerCase(Locale.ROOT);
    }
}
