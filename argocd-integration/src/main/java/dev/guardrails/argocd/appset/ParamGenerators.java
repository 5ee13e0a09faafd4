package dev.guardrails.argocd.appset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guardrails.scanner.parse.YamlReader;
import dev.guardrails.scanner.parse.ManifestParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns generator specs into param sets: list, git, matrix and merge offline; every generator
 * that needs a live Argo CD or an external service fails with a problem instead.
 */
final class ParamGenerators {

    /** Generators that need a live cluster, Argo CD state or an external service. */
    private static final Map<String, String> ONLINE_ONLY = Map.of(
            "clusterDecisionResource", "needs a live Argo CD (reads cluster resources)",
            "scmProvider", "needs network access to an SCM provider",
            "pullRequest", "needs network access to an SCM provider",
            "plugin", "needs a live Argo CD (plugin service)");

    static final Set<String> KNOWN = Set.of("list", "git", "matrix", "merge", "clusters",
            "clusterDecisionResource", "scmProvider", "pullRequest", "plugin");


    private final GitGenerator git;
    private final ClusterGenerator clusters;
    private final TemplateRenderer renderer;

    ParamGenerators(GitGenerator git, ClusterGenerator clusters, TemplateRenderer renderer) {
        this.git = git;
        this.clusters = clusters;
        this.renderer = renderer;
    }

    /**
     * Param sets of generator {@code kind} with spec {@code spec}, filtered by {@code selector}
     * (may be missing).
     */
    List<Map<String, Object>> generate(String kind, JsonNode spec, JsonNode selector) throws ExpansionException {
        List<Map<String, Object>> params = switch (kind) {
            case "list" -> list(spec);
            case "git" -> git.generate(spec, renderer);
            case "clusters" -> clusters.generate(spec);
            case "matrix" -> matrix(spec);
            case "merge" -> merge(spec);
            default -> {
                String why = ONLINE_ONLY.get(kind);
                if (why != null) {
                    throw new ExpansionException("generator '" + kind + "' " + why + "; not expanded offline");
                }
                throw new ExpansionException("unknown generator '" + kind + "'");
            }
        };
        if (selector == null || selector.isMissingNode() || selector.isNull()) {
            return params;
        }
        LabelSelector s = LabelSelector.parse(selector);
        List<Map<String, Object>> kept = new ArrayList<>();
        for (Map<String, Object> p : params) {
            if (s.matches(p)) {
                kept.add(p);
            }
        }
        return kept;
    }

    /** A matrix/merge child: exactly one generator plus an optional selector. */
    private List<Map<String, Object>> child(JsonNode child, String where, Map<String, Object> interpolate)
            throws ExpansionException {
        if (!child.isObject()) {
            throw new ExpansionException(where + ": child generator must be an object");
        }
        List<String> kinds = new ArrayList<>();
        child.fieldNames().forEachRemaining(k -> {
            if (!k.equals("selector")) {
                kinds.add(k);
            }
        });
        if (kinds.size() != 1) {
            throw new ExpansionException(where + ": expected exactly one generator, found " + kinds);
        }
        String kind = kinds.get(0);
        JsonNode spec = child.get(kind);
        JsonNode selector = child.path("selector");
        if (interpolate != null && !interpolate.isEmpty()) {
            ObjectNode copy = child.deepCopy();
            if (spec.isObject()) {
                ((ObjectNode) copy.get(kind)).remove("template");
            }
            try {
                JsonNode rendered = renderer.renderTree(copy, interpolate, kind);
                spec = rendered.get(kind);
                selector = rendered.path("selector");
            } catch (ExpansionException e) {
                throw new ExpansionException(where + ": " + e.getMessage(), e);
            }
        }
        try {
            return generate(kind, spec, selector);
        } catch (ExpansionException e) {
            throw new ExpansionException(where + "." + kind + ": " + e.getMessage(), e);
        }
    }

    private List<Map<String, Object>> list(JsonNode spec) throws ExpansionException {
        List<Map<String, Object>> result = new ArrayList<>();
        for (JsonNode element : spec.path("elements")) {
            if (!element.isObject()) {
                throw new ExpansionException("list element must be an object: " + element);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> raw = (Map<String, Object>) GoValues.fromJson(element);
            if (renderer.goTemplate()) {
                result.add(raw);
                continue;
            }
            Map<String, Object> params = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : raw.entrySet()) {
                if (e.getKey().equals("values") && e.getValue() instanceof Map<?, ?> values) {
                    for (Map.Entry<?, ?> v : values.entrySet()) {
                        if (!(v.getValue() instanceof String s)) {
                            throw new ExpansionException("list element value 'values." + v.getKey()
                                    + "' is not a string; Argo CD rejects it without goTemplate");
                        }
                        params.put("values." + v.getKey(), s);
                    }
                } else if (e.getValue() instanceof String s) {
                    params.put(e.getKey(), s);
                } else {
                    throw new ExpansionException("list element key '" + e.getKey()
                            + "' is not a string; Argo CD rejects it without goTemplate");
                }
            }
            result.add(params);
        }
        JsonNode elementsYaml = spec.path("elementsYaml");
        if (elementsYaml.isTextual() && !elementsYaml.textValue().isEmpty()) {
            JsonNode parsed;
            try {
                parsed = new YamlReader().readTree(elementsYaml.textValue(), "elementsYaml");
            } catch (ManifestParseException e) {
                throw new ExpansionException("list elementsYaml is not valid YAML: " + e.getMessage(), e);
            }
            if (parsed != null && !parsed.isNull() && !parsed.isMissingNode()) {
                if (!parsed.isArray()) {
                    throw new ExpansionException("list elementsYaml must be a list of objects");
                }
                for (JsonNode element : parsed) {
                    if (!element.isObject()) {
                        throw new ExpansionException("list elementsYaml entries must be objects");
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, Object> raw = (Map<String, Object>) GoValues.fromJson(element);
                    // Argo CD appends these unflattened, even without goTemplate.
                    result.add(raw);
                }
            }
        }
        return result;
    }

    private List<Map<String, Object>> matrix(JsonNode spec) throws ExpansionException {
        JsonNode children = spec.path("generators");
        if (children.size() != 2) {
            throw new ExpansionException("matrix generator needs exactly two child generators, found "
                    + children.size());
        }
        List<Map<String, Object>> first = child(children.get(0), "generators[0]", null);
        List<Map<String, Object>> result = new ArrayList<>();
        for (Map<String, Object> prev : first) {
            for (Map<String, Object> curr : child(children.get(1), "generators[1]", prev)) {
                if (renderer.goTemplate()) {
                    Map<String, Object> combined = new LinkedHashMap<>();
                    Params.mergeFill(combined, prev);
                    Params.mergeFill(combined, curr);
                    result.add(combined);
                } else {
                    Map<String, Object> combined = stringMap(prev);
                    for (Map.Entry<String, Object> e : stringMap(curr).entrySet()) {
                        Object existing = combined.get(e.getKey());
                        if (existing != null && !existing.equals(e.getValue())) {
                            throw new ExpansionException("matrix: found duplicate key " + e.getKey()
                                    + " with different value, a: " + existing + " ,b: " + e.getValue());
                        }
                        combined.put(e.getKey(), e.getValue());
                    }
                    result.add(combined);
                }
            }
        }
        return result;
    }

    private List<Map<String, Object>> merge(JsonNode spec) throws ExpansionException {
        JsonNode children = spec.path("generators");
        if (children.size() < 2) {
            throw new ExpansionException("merge generator needs at least two child generators, found "
                    + children.size());
        }
        TreeSet<String> mergeKeys = new TreeSet<>();
        spec.path("mergeKeys").forEach(k -> mergeKeys.add(k.asText()));
        if (mergeKeys.isEmpty()) {
            throw new ExpansionException("merge generator: no merge keys were specified");
        }
        List<Map<String, Object>> base = new ArrayList<>();
        for (Map<String, Object> p : child(children.get(0), "generators[0]", null)) {
            base.add(GoValues.copyParams(p));
        }
        for (int i = 1; i < children.size(); i++) {
            Map<String, Map<String, Object>> overrides = new LinkedHashMap<>();
            for (Map<String, Object> p : child(children.get(i), "generators[" + i + "]", null)) {
                String key = mergeKey(mergeKeys, p);
                if (overrides.putIfAbsent(key, p) != null) {
                    throw new ExpansionException("merge: the parameters from generator " + i
                            + " were not unique by the given mergeKeys; duplicate key was " + key);
                }
            }
            for (int b = 0; b < base.size(); b++) {
                Map<String, Object> override = overrides.get(mergeKey(mergeKeys, base.get(b)));
                if (override == null) {
                    continue;
                }
                if (renderer.goTemplate()) {
                    Params.mergeOverride(base.get(b), override);
                } else {
                    Map<String, Object> merged = stringMap(base.get(b));
                    merged.putAll(stringMap(override));
                    base.set(b, merged);
                }
            }
        }
        return base;
    }

    /** Argo CD's key: the JSON of the merge-key values, looked up as top-level params. */
    private static String mergeKey(Set<String> keys, Map<String, Object> params) {
        Map<String, Object> key = new TreeMap<>();
        for (String k : keys) {
            key.put(k, params.get(k));
        }
        return GoValues.toJsonString(key);
    }

    /** {@code ConvertToMapStringString}: every value through {@code fmt %v}. */
    private static Map<String, Object> stringMap(Map<String, Object> params) {
        Map<String, Object> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, v instanceof String s ? s : GoValues.fmt(v)));
        return out;
    }
}
