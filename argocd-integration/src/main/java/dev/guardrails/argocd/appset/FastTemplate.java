package dev.guardrails.argocd.appset;

import java.util.Map;

/**
 * {@code valyala/fasttemplate} as Argo CD uses it: each {@code {{tag}}} whose trimmed tag names a
 * string param is replaced; any other tag (unknown key, non-string value, empty tag) is written
 * back exactly as it was, and an unterminated {@code {{} stays literal.
 */
final class FastTemplate {

    private FastTemplate() {
    }

    static String render(String template, Map<String, Object> params) {
        if (!template.contains("{{")) {
            return template;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (true) {
            int open = template.indexOf("{{", i);
            if (open < 0) {
                out.append(template, i, template.length());
                break;
            }
            int close = template.indexOf("}}", open + 2);
            if (close < 0) {
                out.append(template, i, template.length());
                break;
            }
            out.append(template, i, open);
            String tag = template.substring(open + 2, close);
            String key = tag.strip();
            if (!key.isEmpty() && params.get(key) instanceof String replacement) {
                out.append(replacement);
            } else {
                out.append("{{").append(tag).append("}}");
            }
            i = close + 2;
        }
        return out.toString();
    }
}
