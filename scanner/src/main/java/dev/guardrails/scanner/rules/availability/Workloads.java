package dev.guardrails.scanner.rules.availability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.rule.Bundle;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Replica counts, autoscalers and label selectors as the availability rules need them. Kept out
 * of {@code k8s/} because the defaults it applies (replicas unset means 1) are rule policy.
 */
public final class Workloads {

    /** Kinds that run a scalable set of identical pods for a long time. */
    private static final Set<String> SCALABLE = Set.of("Deployment", "StatefulSet", "Rollout", "DeploymentConfig");

    private Workloads() {
    }

    /** Deployments, StatefulSets, Argo Rollouts and OpenShift DeploymentConfigs: the kinds replica rules apply to. */
    public static boolean isScalable(ManifestObject object) {
        return SCALABLE.contains(object.kind());
    }

    /** {@code spec.replicas} as written, empty when unset or not a whole number. */
    public static Optional<Integer> declaredReplicas(ManifestObject object) {
        JsonNode replicas = object.at("spec.replicas");
        return replicas.canConvertToInt() && replicas.isIntegralNumber()
                ? Optional.of(replicas.intValue()) : Optional.empty();
    }

    /** {@code spec.replicas}, with Kubernetes' default of 1 when unset. */
    public static int replicas(ManifestObject object) {
        return declaredReplicas(object).orElse(1);
    }

    /**
     * The fewest replicas the workload runs with: an autoscaler's {@code minReplicas} (default 1)
     * when one in the bundle targets it, since it overrides {@code spec.replicas}; else
     * {@link #replicas}.
     */
    public static int minimumReplicas(ManifestObject object, Bundle bundle) {
        Optional<ManifestObject> hpa = autoscalerOf(object, bundle);
        if (hpa.isPresent()) {
            JsonNode min = hpa.get().at("spec.minReplicas");
            return min.isIntegralNumber() ? min.intValue() : 1;
        }
        return replicas(object);
    }

    /**
     * The HorizontalPodAutoscaler (or KEDA ScaledObject, which creates one) in the bundle whose
     * {@code scaleTargetRef} names this workload in its namespace.
     */
    public static Optional<ManifestObject> autoscalerOf(ManifestObject object, Bundle bundle) {
        String namespace = bundle.namespaceOf(object);
        for (String kind : List.of("HorizontalPodAutoscaler", "ScaledObject")) {
            for (ManifestObject scaler : bundle.ofKindInNamespace(kind, namespace)) {
                JsonNode ref = scaler.at("spec.scaleTargetRef");
                // ScaledObject's kind defaults to Deployment.
                String targetKind = ref.path("kind").asText("ScaledObject".equals(kind) ? "Deployment" : "");
                if (targetKind.equals(object.kind()) && ref.path("name").asText("").equals(object.name())) {
                    return Optional.of(scaler);
                }
            }
        }
        return Optional.empty();
    }

    /** The pod template's labels, empty when the object has no template. */
    public static Map<String, String> podLabels(ManifestObject object) {
        return PodTemplate.of(object).map(PodTemplate::labels).orElse(Map.of());
    }

    /**
     * Whether a metav1.LabelSelector selects a set of labels. A missing or null selector selects
     * nothing; an empty one ({@code {}}) selects everything, as for policy/v1 PodDisruptionBudgets
     * and NetworkPolicy pod selectors.
     */
    public static boolean selects(JsonNode selector, Map<String, String> labels) {
        if (selector == null || !selector.isObject()) {
            return false;
        }
        JsonNode matchLabels = selector.path("matchLabels");
        if (matchLabels.isObject()) {
            var fields = matchLabels.fields();
            while (fields.hasNext()) {
                var e = fields.next();
                if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            if (!matches(expression, labels)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a label selector is present and empty, i.e. selects every pod in its namespace. */
    public static boolean selectsAll(JsonNode selector) {
        return selector != null && selector.isObject()
                && isEmpty(selector.path("matchLabels")) && isEmpty(selector.path("matchExpressions"));
    }

    private static boolean isEmpty(JsonNode node) {
        return node.isMissingNode() || node.isNull() || node.isContainerNode() && node.isEmpty();
    }

    private static boolean matches(JsonNode expression, Map<String, String> labels) {
        String key = expression.path("key").asText("");
        Set<String> values = new HashSet<>();
        expression.path("values").forEach(v -> values.add(v.asText()));
        String value = labels.get(key);
        return switch (expression.path("operator").asText("")) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> false;
        };
    }
}
