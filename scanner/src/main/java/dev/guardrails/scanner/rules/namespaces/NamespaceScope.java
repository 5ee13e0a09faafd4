package dev.guardrails.scanner.rules.namespaces;

import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.FieldPath;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.rule.Bundle;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;

/**
 * Support for rules that judge a namespace rather than an object (a NetworkPolicy, LimitRange or
 * ResourceQuota per namespace). Rules see one object at a time, so a namespace's finding is
 * reported once, on the first workload in that namespace in bundle order.
 */
public final class NamespaceScope {

    /** Rules that judge a namespace: a scan reports each once per namespace, whatever the app. */
    public static final java.util.Set<String> RULE_IDS =
            java.util.Set.of("network-policy-missing", "limit-range-missing", "resource-quota-missing");

    private NamespaceScope() {
    }

    /** True when {@code object} is a workload and no earlier workload of the bundle shares its namespace. */
    public static boolean isFirstWorkload(ManifestObject object, Bundle bundle) {
        if (!PodTemplate.isWorkloadKind(object.kind())) {
            return false;
        }
        String namespace = bundle.namespaceOf(object);
        for (ManifestObject other : bundle.objects()) {
            if (other == object || other.ref().equals(object.ref()) && other.origin().equals(object.origin())) {
                return true;
            }
            if (PodTemplate.isWorkloadKind(other.kind()) && bundle.namespaceOf(other).equals(namespace)) {
                return false;
            }
        }
        // Checked outside its bundle: treat it as the namespace's representative.
        return true;
    }

    /** Where a namespace-level finding points: the object's namespace field, else its metadata. */
    public static String namespacePath(ManifestObject object) {
        return object.namespace().isEmpty() ? "metadata" : FieldPath.of("metadata", "namespace");
    }

    /** Whether the bundle has an object of {@code kind} in {@code namespace}. */
    public static boolean has(Bundle bundle, String kind, String namespace) {
        return !bundle.ofKindInNamespace(kind, namespace).isEmpty();
    }

    /**
     * The whole check of a "namespace needs a &lt;kind&gt;" rule: on the namespace's first workload,
     * one violation when no object of {@code kind} lands in that namespace (this app or another).
     */
    public static List<Violation> requireInNamespace(ManifestObject object, Bundle bundle, String kind) {
        if (!isFirstWorkload(object, bundle)) {
            return List.of();
        }
        String namespace = bundle.namespaceOf(object);
        if (has(bundle, kind, namespace)) {
            return List.of();
        }
        return List.of(new Violation(namespacePath(object),
                "namespace \"" + namespace + "\" runs workloads but has no " + kind));
    }
}
