package dev.guardrails.plugin.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuardrailsEncoderTest {

    private static final String TOKEN = "ghp_0123456789abcdefghijABCDEFGHIJ012345";

    private final LoggerContext context = new LoggerContext();
    private final Logger logger = context.getLogger("dev.guardrails.plugin.review.Reviewer");

    private GuardrailsEncoder encoder(String format) {
        GuardrailsEncoder encoder = new GuardrailsEncoder();
        encoder.setContext(context);
        encoder.setFormat(format);
        encoder.setPattern("%-5level [%X{requestId:-}] %logger - %msg%n");
        encoder.start();
        return encoder;
    }

    private LoggingEvent event(String message, Throwable thrown, Map<String, String> mdc) {
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.WARN, message, thrown, null);
        event.setThreadName("review-1");
        event.setMDCPropertyMap(mdc);
        return event;
    }

    @Test
    void jsonFormatWritesOneParsableObjectPerLine() throws Exception {
        GuardrailsEncoder encoder = encoder("json");
        assertThat(encoder.json()).isTrue();
        String line = new String(encoder.encode(event("posting review for \"o/r\"\nsecond line",
                new IllegalStateException("forge said no"), Map.of("requestId", "req-42"))), StandardCharsets.UTF_8);

        assertThat(line).endsWith(System.lineSeparator());
        assertThat(line.strip()).doesNotContain("\n");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("level").asText()).isEqualTo("WARN");
        assertThat(json.get("logger").asText()).isEqualTo("dev.guardrails.plugin.review.Reviewer");
        assertThat(json.get("message").asText()).isEqualTo("posting review for \"o/r\"\nsecond line");
        assertThat(json.get("thread").asText()).isEqualTo("review-1");
        assertThat(json.get("requestId").asText()).isEqualTo("req-42");
        assertThat(json.get("exception").asText()).contains("IllegalStateException: forge said no");
        assertThat(json.get("timestamp").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
    }

    @Test
    void jsonFormatOmitsRequestIdOutsideRequests() throws Exception {
        String line = new String(encoder("json").encode(event("started", null, Map.of())), StandardCharsets.UTF_8);
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.has("requestId")).isFalse();
        assertThat(json.has("exception")).isFalse();
    }

    @Test
    void tokensAreMaskedInBothFormatsAndInExceptions() throws Exception {
        for (String format : new String[] {"json", "text"}) {
            GuardrailsEncoder encoder = encoder(format);
            String line = new String(encoder.encode(event("calling forge with " + TOKEN + " body {\"token\": \"abc-secret\"}",
                    new IllegalStateException("401 for Bearer " + TOKEN), Map.of())), StandardCharsets.UTF_8);
            assertThat(line).as(format).doesNotContain(TOKEN).doesNotContain("abc-secret").contains("ghp_****");
        }
    }

    @Test
    void textFormatUsesThePatternAndTheRequestId() {
        GuardrailsEncoder encoder = encoder("text");
        assertThat(encoder.json()).isFalse();
        String line = new String(encoder.encode(event("hello", null, Map.of("requestId", "abc"))), StandardCharsets.UTF_8);
        assertThat(line).isEqualTo("WARN  [abc] dev.guardrails.plugin.review.Reviewer - hello" + System.lineSeparator());
    }

    @Test
    void formatComesFromTheSystemPropertyWhenNotSet() {
        String previous = System.getProperty(GuardrailsEncoder.FORMAT_PROPERTY);
        try {
            System.setProperty(GuardrailsEncoder.FORMAT_PROPERTY, "JSON");
            assertThat(encoder(null).json()).isTrue();
            System.setProperty(GuardrailsEncoder.FORMAT_PROPERTY, "text");
            assertThat(encoder(null).json()).isFalse();
        } finally {
            if (previous == null) {
                System.clearProperty(GuardrailsEncoder.FORMAT_PROPERTY);
            } else {
                System.setProperty(GuardrailsEncoder.FORMAT_PROPERTY, previous);
            }
        }
    }
}
