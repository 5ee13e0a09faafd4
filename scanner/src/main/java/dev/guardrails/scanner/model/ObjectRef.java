package dev.guardrails.scanner.model;

/** Identifies a Kubernetes object the way {@code kubectl} would print it. */
public record ObjectRef(String apiVersion, String kind, String namespace, String name) {

    public ObjectRef {
        apiVersion = apiVersion == null ? "" : apiVersion;
        kind = kind == null ? "" : kind;
        namespace = namespace == null ? "" : namespace;
        name = name == null ? "" : name;
    }

    /** API group, empty for the core group. */
    public String group() {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** {@code Kind/namespace/name}, or {@code Kind/name} for cluster-scoped or unset namespaces. */
    @Override
    public String toString() {
        return namespace.isEmpty() ? kind + "/" + name : kind + "/" + namespace + "/" + name;
    }
}
