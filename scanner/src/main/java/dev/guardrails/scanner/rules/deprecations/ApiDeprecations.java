package dev.guardrails.scanner.rules.deprecations;

import dev.guardrails.scanner.rule.KubeVersion;
import java.util.List;
import java.util.Optional;

/**
 * Deprecated and removed built-in APIs, from the Kubernetes deprecated API migration guide.
 * Matched by apiVersion and kind; {@code *} stands for every kind of a group version that was
 * removed as a whole. Kinds of a group version that live on (e.g. ValidatingAdmissionPolicy in
 * admissionregistration.k8s.io/v1beta1) are why most entries name their kind.
 */
public final class ApiDeprecations {

    /**
     * One deprecated API.
     *
     * @param apiVersion   the deprecated group/version
     * @param kind         the kind, or {@code *} for all kinds of that version
     * @param deprecatedIn the first minor version that warns about it
     * @param removedIn    the first minor version that no longer serves it; empty while none is scheduled
     * @param replacement  what to use instead, e.g. {@code apps/v1}
     */
    public record Entry(String apiVersion, String kind, KubeVersion deprecatedIn,
                        Optional<KubeVersion> removedIn, String replacement) {

        public boolean matches(String objectApiVersion, String objectKind) {
            return apiVersion.equals(objectApiVersion) && (kind.equals("*") || kind.equals(objectKind));
        }

        public boolean removedBy(KubeVersion version) {
            return removedIn.isPresent() && version.atLeast(removedIn.get());
        }

        public boolean deprecatedBy(KubeVersion version) {
            return version.atLeast(deprecatedIn) && !removedBy(version);
        }
    }

    private static final List<Entry> ENTRIES = List.of(
            // Removed in 1.16.
            e("extensions/v1beta1", "Deployment", "1.9", "1.16", "apps/v1"),
            e("extensions/v1beta1", "DaemonSet", "1.9", "1.16", "apps/v1"),
            e("extensions/v1beta1", "ReplicaSet", "1.9", "1.16", "apps/v1"),
            e("extensions/v1beta1", "StatefulSet", "1.9", "1.16", "apps/v1"),
            e("extensions/v1beta1", "NetworkPolicy", "1.9", "1.16", "networking.k8s.io/v1"),
            e("extensions/v1beta1", "PodSecurityPolicy", "1.10", "1.16", "policy/v1beta1"),
            e("apps/v1beta1", "*", "1.9", "1.16", "apps/v1"),
            e("apps/v1beta2", "*", "1.9", "1.16", "apps/v1"),
            // Removed in 1.22.
            e("extensions/v1beta1", "Ingress", "1.14", "1.22", "networking.k8s.io/v1"),
            e("networking.k8s.io/v1beta1", "Ingress", "1.19", "1.22", "networking.k8s.io/v1"),
            e("networking.k8s.io/v1beta1", "IngressClass", "1.19", "1.22", "networking.k8s.io/v1"),
            e("rbac.authorization.k8s.io/v1beta1", "ClusterRole", "1.17", "1.22", "rbac.authorization.k8s.io/v1"),
            e("rbac.authorization.k8s.io/v1beta1", "ClusterRoleBinding", "1.17", "1.22", "rbac.authorization.k8s.io/v1"),
            e("rbac.authorization.k8s.io/v1beta1", "Role", "1.17", "1.22", "rbac.authorization.k8s.io/v1"),
            e("rbac.authorization.k8s.io/v1beta1", "RoleBinding", "1.17", "1.22", "rbac.authorization.k8s.io/v1"),
            e("admissionregistration.k8s.io/v1beta1", "MutatingWebhookConfiguration", "1.16", "1.22",
                    "admissionregistration.k8s.io/v1"),
            e("admissionregistration.k8s.io/v1beta1", "ValidatingWebhookConfiguration", "1.16", "1.22",
                    "admissionregistration.k8s.io/v1"),
            e("apiextensions.k8s.io/v1beta1", "CustomResourceDefinition", "1.16", "1.22", "apiextensions.k8s.io/v1"),
            e("apiregistration.k8s.io/v1beta1", "APIService", "1.19", "1.22", "apiregistration.k8s.io/v1"),
            e("authentication.k8s.io/v1beta1", "TokenReview", "1.19", "1.22", "authentication.k8s.io/v1"),
            e("authorization.k8s.io/v1beta1", "SubjectAccessReview", "1.19", "1.22", "authorization.k8s.io/v1"),
            e("authorization.k8s.io/v1beta1", "LocalSubjectAccessReview", "1.19", "1.22", "authorization.k8s.io/v1"),
            e("authorization.k8s.io/v1beta1", "SelfSubjectAccessReview", "1.19", "1.22", "authorization.k8s.io/v1"),
            e("certificates.k8s.io/v1beta1", "CertificateSigningRequest", "1.19", "1.22", "certificates.k8s.io/v1"),
            e("coordination.k8s.io/v1beta1", "Lease", "1.19", "1.22", "coordination.k8s.io/v1"),
            e("scheduling.k8s.io/v1beta1", "PriorityClass", "1.14", "1.22", "scheduling.k8s.io/v1"),
            e("storage.k8s.io/v1beta1", "CSIDriver", "1.19", "1.22", "storage.k8s.io/v1"),
            e("storage.k8s.io/v1beta1", "CSINode", "1.17", "1.22", "storage.k8s.io/v1"),
            e("storage.k8s.io/v1beta1", "StorageClass", "1.19", "1.22", "storage.k8s.io/v1"),
            e("storage.k8s.io/v1beta1", "VolumeAttachment", "1.19", "1.22", "storage.k8s.io/v1"),
            // Removed in 1.25.
            e("batch/v1beta1", "CronJob", "1.21", "1.25", "batch/v1"),
            e("discovery.k8s.io/v1beta1", "EndpointSlice", "1.21", "1.25", "discovery.k8s.io/v1"),
            e("events.k8s.io/v1beta1", "Event", "1.19", "1.25", "events.k8s.io/v1"),
            e("autoscaling/v2beta1", "HorizontalPodAutoscaler", "1.23", "1.25", "autoscaling/v2"),
            e("policy/v1beta1", "PodDisruptionBudget", "1.21", "1.25", "policy/v1"),
            e("policy/v1beta1", "PodSecurityPolicy", "1.21", "1.25",
                    "no replacement: use Pod Security Admission namespace labels"),
            e("node.k8s.io/v1beta1", "RuntimeClass", "1.20", "1.25", "node.k8s.io/v1"),
            // Removed in 1.26.
            e("flowcontrol.apiserver.k8s.io/v1beta1", "*", "1.23", "1.26", "flowcontrol.apiserver.k8s.io/v1"),
            e("autoscaling/v2beta2", "HorizontalPodAutoscaler", "1.23", "1.26", "autoscaling/v2"),
            // Removed in 1.27.
            e("storage.k8s.io/v1beta1", "CSIStorageCapacity", "1.24", "1.27", "storage.k8s.io/v1"),
            // Removed in 1.29.
            e("flowcontrol.apiserver.k8s.io/v1beta2", "*", "1.26", "1.29", "flowcontrol.apiserver.k8s.io/v1"),
            // Removed in 1.31: an alpha version, dropped without a deprecation period.
            e("resource.k8s.io/v1alpha2", "*", "1.31", "1.31", "resource.k8s.io/v1"),
            // Removed in 1.32.
            e("flowcontrol.apiserver.k8s.io/v1beta3", "*", "1.29", "1.32", "flowcontrol.apiserver.k8s.io/v1"),
            // Deprecated, no removal scheduled.
            new Entry("v1", "Endpoints", KubeVersion.parse("1.33"), Optional.empty(),
                    "discovery.k8s.io/v1 EndpointSlice"));

    private ApiDeprecations() {
    }

    public static List<Entry> entries() {
        return ENTRIES;
    }

    /** The entry for an object's apiVersion and kind, if it is deprecated at all. */
    public static Optional<Entry> find(String apiVersion, String kind) {
        return ENTRIES.stream().filter(entry -> entry.matches(apiVersion, kind)).findFirst();
    }

    private static Entry e(String apiVersion, String kind, String deprecatedIn, String removedIn, String replacement) {
        return new Entry(apiVersion, kind, KubeVersion.parse(deprecatedIn),
                Optional.of(KubeVersion.parse(removedIn)), replacement);
    }
}
