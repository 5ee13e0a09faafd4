package dev.guardrails.scanner.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.Writer;

/**
 * Pretty-printed JSON with the same bytes on every platform: two-space indent, {@code \n} line
 * ends (Jackson's default indenter uses the platform separator), fields in insertion order, and
 * the caller's writer left open.
 */
final class JsonOutput {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final ObjectWriter WRITER;

    static {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
        ObjectMapper mapper = new ObjectMapper();
        mapper.getFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        WRITER = mapper.writer(printer);
    }

    private JsonOutput() {
    }

    static void write(JsonNode node, Writer out) throws IOException {
        WRITER.writeValue(out, node);
        out.write('\n');
        out.flush();
    }
}
