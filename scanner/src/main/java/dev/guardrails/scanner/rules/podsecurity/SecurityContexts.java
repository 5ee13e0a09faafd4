package dev.guardrails.scanner.rules.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.k8s.Container;
import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.FieldPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads security settings the way the kubelet and Pod Security Admission do: a container's
 * {@code securityContext} field wins when set, else the pod-level field of the same name applies
 * (for the fields that have a pod-level twin: runAsNonRoot, runAsUser, seccompProfile,
 * seLinuxOptions, appArmorProfile, windowsOptions).
 */
public final class SecurityContexts {

    /** Scalars go-yaml (YAML 1.1, as kubectl and Argo CD parse) reads as {@code true}. */
    private static final Set<String> YAML11_TRUE = Set.of("true", "yes", "on", "y");
    private static final Set<String> YAML11_FALSE = Set.of("false", "no", "off", "n");

    private SecurityContexts() {
    }

    /**
     * A setting as it applies to one container.
     *
     * @param value     the effective value, or a missing node when neither level sets it
     * @param path      where it is set; when unset, where the container's own field belongs
     * @param fromPod   true when the value is inherited from the pod-level security context
     */
    public record Effective(JsonNode value, String path, boolean fromPod) {

        public boolean isSet() {
            return SecurityContexts.isSet(value);
        }
    }

    /** The container's {@code securityContext.<keys>}, falling back to the pod's. */
    public static Effective effective(PodTemplate pod, Container container, String... keys) {
        String[] containerKeys = prepend("securityContext", keys);
        JsonNode own = at(container.node(), containerKeys);
        if (isSet(own)) {
            return new Effective(own, container.field(containerKeys), false);
        }
        JsonNode inherited = at(pod.spec(), containerKeys);
        if (isSet(inherited)) {
            return new Effective(inherited, pod.field(containerKeys), true);
        }
        return new Effective(own, container.field(containerKeys), false);
    }

    /** The pod-level {@code securityContext.<keys>} node (possibly missing). */
    public static JsonNode podLevel(PodTemplate pod, String... keys) {
        return at(pod.spec(), prepend("securityContext", keys));
    }

    /** Path of a pod-level security context field. */
    public static String podPath(PodTemplate pod, String... keys) {
        return pod.field(prepend("securityContext", keys));
    }

    /** The container-level {@code securityContext.<keys>} node (possibly missing). */
    public static JsonNode containerLevel(Container container, String... keys) {
        return at(container.node(), prepend("securityContext", keys));
    }

    /** Path of a container-level security context field. */
    public static String containerPath(Container container, String... keys) {
        return container.field(prepend("securityContext", keys));
    }

    /** Present and not {@code null}: the API server treats an explicit null as unset. */
    public static boolean isSet(JsonNode node) {
        return node != null && !node.isMissingNode() && !node.isNull();
    }

    /** True for a YAML boolean true, including YAML 1.1 spellings such as {@code yes}. */
    public static boolean isTrue(JsonNode node) {
        if (node == null) {
            return false;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.isTextual() && YAML11_TRUE.contains(node.textValue().toLowerCase(Locale.ROOT));
    }

    /** True for a YAML boolean false, including YAML 1.1 spellings such as {@code no}. */
    public static boolean isFalse(JsonNode node) {
        if (node == null) {
            return false;
        }
        if (node.isBoolean()) {
            return !node.booleanValue();
        }
        return node.isTextual() && YAML11_FALSE.contains(node.textValue().toLowerCase(Locale.ROOT));
    }

    /** The text of a scalar, empty when missing or null. */
    public static String text(JsonNode node) {
        return isSet(node) && node.isValueNode() ? node.asText() : "";
    }

    /** String items of an array node with their paths; non-arrays give nothing. */
    public static List<Item> items(JsonNode array, String path) {
        List<Item> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            for (int i = 0; i < array.size(); i++) {
                out.add(new Item(array.get(i), FieldPath.index(path, i)));
            }
        }
        return out;
    }

    /** An array element and its path. */
    public record Item(JsonNode node, String path) {

        public String text() {
            return SecurityContexts.text(node);
        }
    }

    /**
     * Pods with {@code spec.os.name: windows} are exempt from the Linux-only restricted controls
     * (privilege escalation, seccomp, capabilities) since Kubernetes 1.25.
     */
    public static boolean isWindows(PodTemplate pod) {
        return "windows".equals(pod.spec().path("os").path("name").asText(""));
    }

    private static JsonNode at(JsonNode node, String... keys) {
        JsonNode current = node;
        for (String key : keys) {
            current = current.path(key);
        }
        return current;
    }

    private static String[] prepend(String first, String... rest) {
        String[] out = new String[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }
}
