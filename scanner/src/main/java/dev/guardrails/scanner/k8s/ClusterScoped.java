package dev.guardrails.scanner.k8s;

import java.util.Set;

/** Kinds that live outside namespaces: a destination namespace never applies to them. */
public final class ClusterScoped {

    private static final Set<String> KINDS = Set.of(
            "Namespace", "Node", "PersistentVolume", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "StorageClass", "PriorityClass", "RuntimeClass", "IngressClass",
            "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "ValidatingAdmissionPolicy",
            "ValidatingAdmissionPolicyBinding", "MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding",
            "APIService", "CSIDriver", "CSINode", "VolumeAttachment", "PodSecurityPolicy",
            "CertificateSigningRequest", "FlowSchema", "PriorityLevelConfiguration", "ClusterIssuer",
            "ClusterSecretStore", "ClusterPolicy", "ConstraintTemplate");

    private ClusterScoped() {
    }

    public static boolean isClusterScoped(String kind) {
        return KINDS.contains(kind);
    }
}
