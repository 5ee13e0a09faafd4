package dev.guardrails.argocd.appset;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The clusters generator over a known cluster list (the policy's {@code clusters:} and the Argo
 * CD cluster Secrets in the repo), as {@code applicationset/generators/cluster.go} does it: one
 * param set per cluster the {@code selector} matches; the local {@code in-cluster} is added when
 * there is no selector and no Secret already names its server; {@code values} are rendered with
 * the cluster's params and exposed as {@code values.*}. Without any known cluster nothing can be
 * said offline, so the generator is reported instead of guessed.
 */
final class ClusterGenerator {

    private final List<Cluster> clusters;
    private final TemplateRenderer renderer;

    ClusterGenerator(List<Cluster> clusters, TemplateRenderer renderer) {
        this.clusters = List.copyOf(clusters);
        this.renderer = renderer;
    }

    List<Map<String, Object>> generate(JsonNode spec) throws ExpansionException {
        if (clusters.isEmpty()) {
            throw new ExpansionException("generator 'clusters' needs the cluster list: add clusters: (name, server,"
                    + " labels) to .guardrails.yaml, or commit the Argo CD cluster Secrets; not expanded offline");
        }
        JsonNode selectorNode = spec.path("selector");
        boolean hasSelector = selectorNode.path("matchLabels").size() > 0
                || selectorNode.path("matchExpressions").size() > 0;
        LabelSelector selector = hasSelector ? LabelSelector.parse(selectorNode) : null;
        List<Cluster> candidates = new ArrayList<>(clusters);
        if (!hasSelector && candidates.stream().noneMatch(c -> c.server().equals(Cluster.IN_CLUSTER_SERVER))) {
            candidates.add(0, Cluster.inCluster());
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Cluster c : candidates) {
            if (selector != null && !selector.matches(new LinkedHashMap<>(c.labels()))) {
                continue;
            }
            Map<String, Object> params = params(c);
            JsonNode values = spec.path("values");
            if (values.isObject() && values.size() > 0) {
                Map<String, Object> rendered = new TreeMap<>();
                var fields = values.fields();
                while (fields.hasNext()) {
                    var e = fields.next();
                    rendered.put(e.getKey(), renderer.render(e.getValue().asText(""), params));
                }
                if (renderer.goTemplate()) {
                    params.put("values", rendered);
                } else {
                    rendered.forEach((k, v) -> params.put("values." + k, v));
                }
            }
            out.add(params);
        }
        return out;
    }

    private Map<String, Object> params(Cluster c) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", c.name());
        p.put("nameNormalized", Params.sanitizeName(c.name()));
        p.put("server", c.server());
        p.put("project", c.project());
        if (renderer.goTemplate()) {
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("labels", new LinkedHashMap<String, Object>(c.labels()));
            metadata.put("annotations", new LinkedHashMap<String, Object>(c.annotations()));
            p.put("metadata", metadata);
        } else {
            c.labels().forEach((k, v) -> p.put("metadata.labels." + k, v));
            c.annotations().forEach((k, v) -> p.put("metadata.annotations." + k, v));
        }
        return p;
    }
}
