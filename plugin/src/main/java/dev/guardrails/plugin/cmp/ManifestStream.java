package dev.guardrails.plugin.cmp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;

/**
 * Writes objects as a {@code ---}-separated YAML stream, the format Argo CD's
 * {@code SplitYAMLToString} reads. Strings keep their quotes, so {@code "true"} or {@code "0755"}
 * stay strings.
 */
final class ManifestStream {

    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .build());

    private ManifestStream() {
    }

    static String write(List<ObjectNode> objects) {
        StringBuilder out = new StringBuilder();
        for (ObjectNode o : objects) {
            out.append("---\n");
            try {
                out.append(YAML.writeValueAsString(o));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write " + o.path("kind").asText() + " as YAML", e);
            }
        }
        return out.toString();
    }
}
