package dev.guardrails.scanner.rule;

import dev.guardrails.scanner.model.ManifestObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * All objects one app renders to, indexed for cross-object rules. Objects without a namespace
 * are placed in the app's destination namespace, as {@code kubectl apply -n} would.
 */
public final class Bundle {

    private final List<ManifestObject> objects;
    private final String defaultNamespace;
    private final Map<String, List<ManifestObject>> byKind = new LinkedHashMap<>();

    public Bundle(List<ManifestObject> objects, String defaultNamespace) {
        this.objects = List.copyOf(objects);
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

    /** Objects of one kind in the namespace {@code namespace} lands in. */
    public List<ManifestObject> ofKindInNamespace(String kind, String namespace) {
        List<ManifestObject> out = new ArrayList<>();
        for (ManifestObject o : ofKind(kind)) {
            if (namespaceOf(o).equals(namespace)) {
                out.add(o);
            }
        }
        return out;
    }
}
