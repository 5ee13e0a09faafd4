package dev.guardrails.plugin.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** The shipped logback.xml: stderr only, quiet by default, JSON on request, tokens masked. */
class LogbackConfigTest {

    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @AfterEach
    void restore() {
        System.setOut(out);
        System.setErr(err);
        System.clearProperty(GuardrailsEncoder.FORMAT_PROPERTY);
    }

    private Logger configure(String format) throws Exception {
        System.setProperty(GuardrailsEncoder.FORMAT_PROPERTY, format);
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        LoggerContext context = new LoggerContext();
        // The SLF4J provider sets this on the real context; a bare context needs it for %X and requestId.
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LogbackConfigTest.class.getResource("/logback.xml"));
        return context.getLogger("dev.guardrails.test");
    }

    @Test
    void jsonLinesGoToStderrWithTokensMasked() throws Exception {
        Logger log = configure("json");
        log.info("not shown at the default level");
        log.warn("forge refused token ghp_0123456789abcdefghijABCDEFGHIJ012345");

        String[] lines = stderr.toString(StandardCharsets.UTF_8).split("\\R");
        assertThat(lines).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(lines[0]);
        assertThat(json.get("level").asText()).isEqualTo("WARN");
        assertThat(json.get("message").asText()).isEqualTo("forge refused token ghp_****");
        assertThat(stdout.size()).isZero();
    }

    @Test
    void textIsTheDefault() throws Exception {
        Logger log = configure("");
        log.warn("plain Bearer abcdefghijklmnop");

        String text = stderr.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("WARN").contains("dev.guardrails.test - plain Bearer ****").doesNotStartWith("{");
        assertThat(stdout.size()).isZero();
    }
}
