package dev.guardrails.scanner.rules.references;

import dev.guardrails.scanner.k8s.Container;
import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.rule.Bundle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pods an app runs in a namespace, as far as its manifests show them, and whether something
 * else there may run pods the manifests do not show.
 */
final class AppPods {

    /** Kinds of the API server itself: none of them makes pods or Services appear behind the app's back. */
    private static final Set<String> BUILTIN_GROUPS = Set.of(
            "", "v1", "apps", "batch", "policy", "autoscaling", "networking.k8s.io", "rbac.authorization.k8s.io",
            "storage.k8s.io", "scheduling.k8s.io", "coordination.k8s.io", "discovery.k8s.io", "node.k8s.io",
            "admissionregistration.k8s.io", "apiextensions.k8s.io", "apiregistration.k8s.io",
            "certificates.k8s.io", "events.k8s.io", "flowcontrol.apiserver.k8s.io", "resource.k8s.io");

    /** Custom kinds known to create neither pods nor Services. */
    private static final Set<String> INERT_CUSTOM_KINDS = Set.of(
            "ServiceMonitor", "PodMonitor", "PrometheusRule", "Probe", "ScrapeConfig", "AlertmanagerConfig",
            "Certificate", "Issuer", "ClusterIssuer", "CertificateRequest",
            "ExternalSecret", "SecretStore", "ClusterSecretStore", "PushSecret", "SealedSecret",
            "HTTPRoute", "GRPCRoute", "TCPRoute", "TLSRoute", "UDPRoute", "ReferenceGrant", "BackendTLSPolicy",
            "VirtualService", "DestinationRule", "PeerAuthentication", "AuthorizationPolicy", "RequestAuthentication",
            "Sidecar", "ServiceEntry", "Telemetry", "EnvoyFilter",
            "IngressRoute", "IngressRouteTCP", "Middleware", "TLSOption", "ServersTransport",
            "ScaledObject", "TriggerAuthentication", "VerticalPodAutoscaler",
            "CiliumNetworkPolicy", "CiliumClusterwideNetworkPolicy", "AnalysisTemplate", "AnalysisRun",
            "Application", "ApplicationSet", "AppProject", "VaultStaticSecret", "VaultDynamicSecret",
            "VaultPKISecret", "VaultAuth", "VaultConnection", "OnePasswordItem", "SecretProviderClass",
            "SopsSecret", "Rollout");

    /** A pod template of the app with the object that owns it. */
    record PodSource(ManifestObject owner, PodTemplate pod, Map<String, String> labels) {

        /** Regular containers and sidecars: the ones serving traffic while the pod runs. */
        List<Container> servingContainers() {
            List<Container> out = new ArrayList<>(pod.containers());
            pod.initContainers().stream().filter(Container::isSidecar).forEach(out::add);
            return out;
        }
    }

    private AppPods() {
    }

    /** Every pod template of the app landing in {@code namespace}. */
    static List<PodSource> in(Bundle bundle, String namespace) {
        return AppIndex.of(bundle).pods(namespace);
    }

    /**
     * Whether a selector over the namespace's pods can be judged from the app alone: the app runs
     * pods there itself, and holds no custom resource an operator may turn into more pods (a
     * Prometheus, a Kafka cluster, a Knative Service). Otherwise the selected pods may well exist.
     */
    static boolean judgeable(Bundle bundle, String namespace) {
        return !in(bundle, namespace).isEmpty() && !mayHaveOperatorObjects(bundle, namespace);
    }

    /** Whether the namespace holds custom resources of kinds that may create pods or Services. */
    static boolean mayHaveOperatorObjects(Bundle bundle, String namespace) {
        return AppIndex.of(bundle).mayHaveOperatorObjects(namespace);
    }

    /** Whether an object is a custom resource of a kind that may make pods or Services appear. */
    static boolean mayCreatePodsOrServices(ManifestObject o) {
        return !BUILTIN_GROUPS.contains(o.ref().group()) && !INERT_CUSTOM_KINDS.contains(o.kind());
    }
}
