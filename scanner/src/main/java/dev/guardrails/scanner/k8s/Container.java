package dev.guardrails.scanner.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.model.FieldPath;

/**
 * One container of a pod template, with its field path.
 *
 * @param node the container node
 * @param path e.g. {@code spec.template.spec.containers[0]}
 * @param type regular, init or ephemeral
 */
public record Container(JsonNode node, String path, Type type) {

    public enum Type { CONTAINER, INIT, EPHEMERAL }

    public String name() {
        return node.path("name").asText("");
    }

    public String image() {
        return node.path("image").asText("");
    }

    public JsonNode securityContext() {
        return node.path("securityContext");
    }

    public JsonNode resources() {
        return node.path("resources");
    }

    /** Path of a field of this container, e.g. {@code field("securityContext", "privileged")}. */
    public String field(String... keys) {
        String p = path;
        for (String key : keys) {
            p = FieldPath.key(p, key);
        }
        return p;
    }

    /** An init container with {@code restartPolicy: Always} runs for the pod's lifetime (a sidecar). */
    public boolean isSidecar() {
        return type == Type.INIT && "Always".equals(node.path("restartPolicy").asText());
    }

    /** How messages name it: {@code container "app"} or {@code init container "migrate"}. */
    public String describe() {
        String label = switch (type) {
            case CONTAINER -> "container";
            case INIT -> "init container";
            case EPHEMERAL -> "ephemeral container";
        };
        return label + " \"" + name() + "\"";
    }
}
