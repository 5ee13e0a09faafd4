package dev.guardrails.scanner.rule;

import java.util.List;
import java.util.Objects;

/**
 * Rule parameters that come from {@code .guardrails.yaml}, already validated.
 *
 * @param allowedRegistries image reference prefixes that may be deployed, e.g.
 *                          {@code registry.example.com/}; empty allows every registry
 * @param requiredLabels    label keys every workload (and its pod template) must carry
 * @param kubeVersion       the target cluster version for deprecated-API checks
 * @param maxHpaReplicas    the largest {@code maxReplicas} an HPA may ask for
 * @param platformObjects   objects an app may refer to without defining them
 */
public record RuleSettings(
        List<String> allowedRegistries,
        List<String> requiredLabels,
        KubeVersion kubeVersion,
        int maxHpaReplicas,
        PlatformObjects platformObjects) {

    public static final List<String> DEFAULT_REQUIRED_LABELS =
            List.of("app.kubernetes.io/name", "app.kubernetes.io/part-of");

    public RuleSettings {
        allowedRegistries = List.copyOf(Objects.requireNonNullElse(allowedRegistries, List.of()));
        requiredLabels = List.copyOf(Objects.requireNonNullElse(requiredLabels, DEFAULT_REQUIRED_LABELS));
        kubeVersion = Objects.requireNonNullElse(kubeVersion, KubeVersion.DEFAULT);
        if (maxHpaReplicas <= 0) {
            maxHpaReplicas = 100;
        }
        platformObjects = Objects.requireNonNullElse(platformObjects, PlatformObjects.NONE);
    }

    public RuleSettings(List<String> allowedRegistries, List<String> requiredLabels, KubeVersion kubeVersion,
                        int maxHpaReplicas) {
        this(allowedRegistries, requiredLabels, kubeVersion, maxHpaReplicas, PlatformObjects.NONE);
    }

    public static RuleSettings defaults() {
        return new RuleSettings(List.of(), DEFAULT_REQUIRED_LABELS, KubeVersion.DEFAULT, 100);
    }

    public RuleSettings withKubeVersion(KubeVersion version) {
        return new RuleSettings(allowedRegistries, requiredLabels, version, maxHpaReplicas, platformObjects);
    }
}
