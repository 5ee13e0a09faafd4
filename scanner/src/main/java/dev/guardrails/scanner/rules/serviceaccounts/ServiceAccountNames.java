package dev.guardrails.scanner.rules.serviceaccounts;

import dev.guardrails.scanner.k8s.PodTemplate;

/** Which ServiceAccount a pod runs as, resolved the way the API server does. */
final class ServiceAccountNames {

    static final String DEFAULT = "default";

    private ServiceAccountNames() {
    }

    /**
     * {@code serviceAccountName}, else the deprecated {@code serviceAccount} (which the API server
     * copies over when the new field is empty), else {@code default}.
     */
    static String of(PodTemplate pod) {
        String name = pod.spec().path("serviceAccountName").asText("");
        if (name.isEmpty()) {
            name = pod.spec().path("serviceAccount").asText("");
        }
        return name.isEmpty() ? DEFAULT : name;
    }
}
