package dev.guardrails.scanner.rule;

import dev.guardrails.scanner.k8s.ClusterScoped;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.ObjectRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * All objects one app renders to, indexed for cross-object rules. Objects without a namespace
 * are placed in the app's destination namespace, as {@code kubectl apply -n} would.
 *
 * <p>A bundle may also know <em>neighbours</em>: namespace- and cluster-level policy objects
 * (NetworkPolicies, LimitRanges, ResourceQuotas, Namespaces, admission policies) that other apps of
 * the same scan deploy. Platform teams usually manage those in a separate app, so namespace-level
 * lookups ({@link #ofKindInNamespace}, {@link #ofKindAnywhere}) see them too. {@link #ofKind}
 * stays this app's own.
 */
public final class Bundle {

    private final List<ManifestObject> objects;
    private final String defaultNamespace;
    private final Map<String, List<ManifestObject>> byKind = new LinkedHashMap<>();
    private final Map<String, List<Placed>> neighboursByKind = new LinkedHashMap<>();
    private final Map<Class<?>, Object> derived = new ConcurrentHashMap<>();

    /** An object of another app with the namespace it lands in. */
    public record Placed(ManifestObject object, String namespace) {
    }

    public Bundle(List<ManifestObject> objects, String defaultNamespace) {
        this(objects, defaultNamespace, List.of());
    }

    public Bundle(List<ManifestObject> objects, String defaultNamespace, List<Placed> neighbours) {
        this.objects = List.copyOf(objects);
        for (Placed p : neighbours) {
            neighboursByKind.computeIfAbsent(p.object().kind(), k -> new ArrayList<>()).add(p);
        }
        this.defaultNamespace = defaultNamespace == null || defaultNamespace.isEmpty() ? "default" : defaultNamespace;
        for (ManifestObject o : this.objects) {
            byKind.computeIfAbsent(o.kind(), k -> new ArrayList<>()).add(o);
        }
    }

    public static Bundle of(List<ManifestObject> objects) {
        return new Bundle(objects, "default");
    }

    public List<ManifestObject> objects() {
        return objects;
    }

    public String defaultNamespace() {
        return defaultNamespace;
    }

    /** Objects of one kind, in render order. */
    public List<ManifestObject> ofKind(String kind) {
        return Collections.unmodifiableList(byKind.getOrDefault(kind, List.of()));
    }

    /** The namespace an object lands in: its own, else the app's destination namespace. */
    public String namespaceOf(ManifestObject object) {
        return object.namespace().isEmpty() ? defaultNamespace : object.namespace();
    }

    /**
     * The object's reference with the namespace it is deployed to (its own, else the app's
     * destination namespace); cluster-scoped kinds keep none.
     */
    public ObjectRef placedRef(ManifestObject object) {
        ObjectRef ref = object.ref();
        if (!ref.namespace().isEmpty() || ClusterScoped.isClusterScoped(ref.kind())) {
            return ref;
        }
        return new ObjectRef(ref.apiVersion(), ref.kind(), defaultNamespace, ref.name());
    }

    /** Objects of one kind in a namespace: this app's first, then neighbours from other apps. */
    public List<ManifestObject> ofKindInNamespace(String kind, String namespace) {
        List<ManifestObject> out = new ArrayList<>();
        for (ManifestObject o : ofKind(kind)) {
            if (namespaceOf(o).equals(namespace)) {
                out.add(o);
            }
        }
        for (Placed p : neighboursByKind.getOrDefault(kind, List.of())) {
            if (p.object().kind().equals(kind) && p.namespace().equals(namespace)) {
                out.add(p.object());
            }
        }
        return out;
    }

    /**
     * Objects of one kind wherever they are deployed, ignoring namespaces: this app's first, then
     * neighbours from other apps. For cluster-wide configuration a platform app deploys, such as
     * admission policies and their bindings.
     */
    public List<ManifestObject> ofKindAnywhere(String kind) {
        List<ManifestObject> out = new ArrayList<>(ofKind(kind));
        for (Placed p : neighboursByKind.getOrDefault(kind, List.of())) {
            if (p.object().kind().equals(kind)) {
                out.add(p.object());
            }
        }
        return out;
    }

    /**
     * An index over this bundle's objects, built once by {@code build} and shared by every rule and
     * thread checking the bundle, so cross-object rules stay linear in the app's size. {@code build}
     * must depend on the bundle only; it may run twice under contention, one result wins.
     */
    public <T> T derived(Class<T> type, Function<Bundle, T> build) {
        Object existing = derived.get(type);
        if (existing == null) {
            existing = derived.putIfAbsent(type, build.apply(this));
            if (existing == null) {
                existing = derived.get(type);
            }
        }
        return type.cast(existing);
    }

    /** Places this bundle's objects in their namespaces, for use as another bundle's neighbours. */
    public List<Placed> placed() {
        List<Placed> out = new ArrayList<>();
        for (ManifestObject o : objects) {
            out.add(new Placed(o, namespaceOf(o)));
        }
        return out;
    }
}
