package dev.guardrails.argocd.appset;

import java.util.Map;

/**
 * A cluster as the ApplicationSet clusters generator sees it: Argo CD's cluster Secret reduced to
 * what becomes params. Credentials are never read.
 *
 * @param name        {@code name}
 * @param server      {@code server}
 * @param project     {@code project}, empty for any
 * @param labels      the Secret's labels
 * @param annotations the Secret's annotations
 */
public record Cluster(String name, String server, String project, Map<String, String> labels,
                      Map<String, String> annotations) {

    /** Argo CD's built-in local cluster. */
    public static final String IN_CLUSTER_NAME = "in-cluster";
    public static final String IN_CLUSTER_SERVER = "https://kubernetes.default.svc";

    public Cluster {
        project = project == null ? "" : project;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    static Cluster inCluster() {
        return new Cluster(IN_CLUSTER_NAME, IN_CLUSTER_SERVER, "", Map.of(), Map.of());
    }
}
