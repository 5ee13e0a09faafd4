package dev.guardrails.argocd.appset;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A generator's {@code selector}: a Kubernetes label selector evaluated against the top-level
 * string params of each param set (Argo CD ignores nested and non-string params here, so in
 * goTemplate mode {@code path.basename} is not selectable). Values are not restricted to label
 * syntax, as in Argo CD.
 */
final class LabelSelector {

    private final List<Predicate<Map<String, String>>> requirements;

    private LabelSelector(List<Predicate<Map<String, String>>> requirements) {
        this.requirements = requirements;
    }

    static LabelSelector parse(JsonNode selector) throws ExpansionException {
        List<Predicate<Map<String, String>>> reqs = new ArrayList<>();
        JsonNode labels = selector.path("matchLabels");
        if (!labels.isMissingNode() && !labels.isNull()) {
            if (!labels.isObject()) {
                throw new ExpansionException("selector.matchLabels must be a map");
            }
            labels.fields().forEachRemaining(e -> {
                String key = e.getKey();
                String value = e.getValue().asText();
                reqs.add(m -> value.equals(m.get(key)));
            });
        }
        for (JsonNode expr : selector.path("matchExpressions")) {
            String key = expr.path("key").asText("");
            String op = expr.path("operator").asText("");
            List<String> values = new ArrayList<>();
            expr.path("values").forEach(v -> values.add(v.asText()));
            if (key.isEmpty()) {
                throw new ExpansionException("selector.matchExpressions entry without key");
            }
            switch (op) {
                case "In" -> {
                    requireValues(op, values, true);
                    reqs.add(m -> m.containsKey(key) && values.contains(m.get(key)));
                }
                case "NotIn" -> {
                    requireValues(op, values, true);
                    reqs.add(m -> !m.containsKey(key) || !values.contains(m.get(key)));
                }
                case "Exists" -> {
                    requireValues(op, values, false);
                    reqs.add(m -> m.containsKey(key));
                }
                case "DoesNotExist" -> {
                    requireValues(op, values, false);
                    reqs.add(m -> !m.containsKey(key));
                }
                default -> throw new ExpansionException("selector operator '" + op + "' is not a valid label selector operator");
            }
        }
        return new LabelSelector(reqs);
    }

    private static void requireValues(String op, List<String> values, boolean required) throws ExpansionException {
        if (required && values.isEmpty()) {
            throw new ExpansionException("selector operator '" + op + "' needs values");
        }
        if (!required && !values.isEmpty()) {
            throw new ExpansionException("selector operator '" + op + "' takes no values");
        }
    }

    boolean matches(Map<String, Object> params) {
        Map<String, String> labels = Params.stringValues(params);
        return requirements.stream().allMatch(r -> r.test(labels));
    }
}
