package dev.guardrails.scanner.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.model.FieldPath;
import dev.guardrails.scanner.model.ManifestObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One view over the pod spec of any workload kind, with the field path it lives at, so rules
 * written once work for Pods, Deployments, CronJobs, Argo Rollouts and OpenShift DeploymentConfigs alike.
 *
 * @param spec         the pod spec node ({@code spec} of a Pod, {@code spec.template.spec} of a Deployment)
 * @param specPath     its field path
 * @param metadata     the pod template's metadata node (the Pod's own for a Pod)
 * @param metadataPath its field path
 */
public record PodTemplate(JsonNode spec, String specPath, JsonNode metadata, String metadataPath) {

    /** Workload kinds whose pod template is at {@code spec.template}. */
    private static final Map<String, String> TEMPLATE_KINDS = Map.of(
            "Deployment", "spec.template",
            "StatefulSet", "spec.template",
            "DaemonSet", "spec.template",
            "ReplicaSet", "spec.template",
            "ReplicationController", "spec.template",
            "Job", "spec.template",
            "Rollout", "spec.template",
            "DeploymentConfig", "spec.template",
            "CronJob", "spec.jobTemplate.spec.template",
            "PodTemplate", "template");

    /** The pod template of a workload, empty for kinds that run no pods. */
    public static Optional<PodTemplate> of(ManifestObject object) {
        if ("Pod".equals(object.kind())) {
            return Optional.of(new PodTemplate(object.raw().path("spec"), "spec", object.metadata(), "metadata"));
        }
        String templatePath = TEMPLATE_KINDS.get(object.kind());
        if (templatePath == null) {
            return Optional.empty();
        }
        JsonNode template = object.at(templatePath);
        if (!template.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new PodTemplate(
                template.path("spec"), templatePath + ".spec",
                template.path("metadata"), templatePath + ".metadata"));
    }

    /** True for kinds that run pods (whether or not this manifest has a template). */
    public static boolean isWorkloadKind(String kind) {
        return "Pod".equals(kind) || TEMPLATE_KINDS.containsKey(kind) && !"PodTemplate".equals(kind);
    }

    /** Path of a field of the pod spec, e.g. {@code field("hostNetwork")}. */
    public String field(String... keys) {
        String path = specPath;
        for (String key : keys) {
            path = FieldPath.key(path, key);
        }
        return path;
    }

    /** Regular containers. */
    public List<Container> containers() {
        return list("containers", Container.Type.CONTAINER);
    }

    /** Init containers, including restartable (sidecar) ones. */
    public List<Container> initContainers() {
        return list("initContainers", Container.Type.INIT);
    }

    /** Ephemeral debug containers; rarely in Git, but they run with the pod's privileges. */
    public List<Container> ephemeralContainers() {
        return list("ephemeralContainers", Container.Type.EPHEMERAL);
    }

    /** Init, regular and ephemeral containers, in that order. */
    public List<Container> allContainers() {
        List<Container> all = new ArrayList<>(initContainers());
        all.addAll(containers());
        all.addAll(ephemeralContainers());
        return all;
    }

    /** The pod-level security context (may be missing). */
    public JsonNode securityContext() {
        return spec.path("securityContext");
    }

    public Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        metadata.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    private List<Container> list(String field, Container.Type type) {
        JsonNode array = spec.path(field);
        List<Container> out = new ArrayList<>();
        if (array.isArray()) {
            for (int i = 0; i < array.size(); i++) {
                out.add(new Container(array.get(i), FieldPath.index(FieldPath.key(specPath, field), i), type));
            }
        }
        return out;
    }
}
