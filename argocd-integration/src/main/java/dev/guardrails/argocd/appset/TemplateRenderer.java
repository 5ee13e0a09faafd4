package dev.guardrails.argocd.appset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Renders templates against one param set, in fasttemplate or Go template mode.
 *
 * <p>Tree rendering touches string values only, never keys, as Argo CD's reflective
 * {@code deeplyReplace} does; subtrees under {@code valuesObject} are copied untouched because Argo
 * CD holds them as raw bytes, which it does not template.
 */
final class TemplateRenderer {

    private final boolean goTemplate;
    private final boolean missingKeyError;
    private final Map<String, GoTemplate> cache = new HashMap<>();

    TemplateRenderer(boolean goTemplate, boolean missingKeyError) {
        this.goTemplate = goTemplate;
        this.missingKeyError = missingKeyError;
    }

    boolean goTemplate() {
        return goTemplate;
    }

    String render(String template, Map<String, Object> params) throws ExpansionException {
        if (!goTemplate) {
            return FastTemplate.render(template, params);
        }
        GoTemplate parsed = cache.get(template);
        if (parsed == null) {
            parsed = GoTemplate.parse(template);
            cache.put(template, parsed);
        }
        return parsed.execute(params, missingKeyError);
    }

    /** A rendered deep copy of {@code node}; the message of a failure names the field. */
    JsonNode renderTree(JsonNode node, Map<String, Object> params, String path) throws ExpansionException {
        if (node.isTextual()) {
            try {
                return JsonNodeFactory.instance.textNode(render(node.textValue(), params));
            } catch (ExpansionException e) {
                throw new ExpansionException(path + ": " + e.getMessage(), e);
            }
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                out.set(e.getKey(), e.getKey().equals("valuesObject")
                        ? e.getValue().deepCopy()
                        : renderTree(e.getValue(), params, path + "." + e.getKey()));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                out.add(renderTree(node.get(i), params, path + "[" + i + "]"));
            }
            return out;
        }
        return node.deepCopy();
    }
}
