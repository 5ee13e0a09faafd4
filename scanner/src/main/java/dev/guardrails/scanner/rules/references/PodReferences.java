package dev.guardrails.scanner.rules.references;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.k8s.Container;
import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.FieldPath;
import java.util.ArrayList;
import java.util.List;

/** The ConfigMaps, Secrets and PersistentVolumeClaims a pod template refers to by name. */
final class PodReferences {

    /**
     * One reference.
     *
     * @param kind     ConfigMap, Secret or PersistentVolumeClaim
     * @param name     the referenced object's name
     * @param key      the key read from it, or null for the whole object
     * @param optional whether the pod starts without it ({@code optional: true})
     * @param path     field path of the name in the manifest, or of the key for an item projection
     * @param keyPath  field path of the key, or null
     * @param where    how messages name the referring place, e.g. {@code volume "config"}
     * @param item     an entry of a volume's {@code items}: the object itself is reported by the volume
     */
    record Reference(String kind, String name, String key, boolean optional, String path, String keyPath,
                     String where, boolean item) {
    }

    private PodReferences() {
    }

    static List<Reference> of(PodTemplate pod) {
        List<Reference> out = new ArrayList<>();
        JsonNode volumes = pod.spec().path("volumes");
        for (int i = 0; i < AppObjects.length(volumes); i++) {
            JsonNode v = volumes.get(i);
            String vpath = FieldPath.index(pod.field("volumes"), i);
            String where = "volume \"" + v.path("name").asText("") + "\"";
            whole(out, "ConfigMap", v.path("configMap"), "name", FieldPath.key(vpath, "configMap"), where);
            whole(out, "Secret", v.path("secret"), "secretName", FieldPath.key(vpath, "secret"), where);
            JsonNode claim = v.path("persistentVolumeClaim");
            if (claim.hasNonNull("claimName")) {
                out.add(new Reference("PersistentVolumeClaim", claim.path("claimName").asText(), null, false,
                        FieldPath.key(vpath, "persistentVolumeClaim") + ".claimName", null, where, false));
            }
            JsonNode sources = v.path("projected").path("sources");
            for (int j = 0; j < AppObjects.length(sources); j++) {
                String spath = FieldPath.index(FieldPath.key(FieldPath.key(vpath, "projected"), "sources"), j);
                whole(out, "ConfigMap", sources.get(j).path("configMap"), "name", FieldPath.key(spath, "configMap"), where);
                whole(out, "Secret", sources.get(j).path("secret"), "name", FieldPath.key(spath, "secret"), where);
            }
        }
        for (Container c : pod.allContainers()) {
            JsonNode envFrom = c.node().path("envFrom");
            for (int i = 0; i < AppObjects.length(envFrom); i++) {
                String p = FieldPath.index(c.field("envFrom"), i);
                JsonNode cm = envFrom.get(i).path("configMapRef");
                JsonNode s = envFrom.get(i).path("secretRef");
                if (cm.hasNonNull("name")) {
                    out.add(new Reference("ConfigMap", cm.path("name").asText(), null, cm.path("optional").asBoolean(false),
                            FieldPath.key(p, "configMapRef") + ".name", null, c.describe() + " envFrom", false));
                }
                if (s.hasNonNull("name")) {
                    out.add(new Reference("Secret", s.path("name").asText(), null, s.path("optional").asBoolean(false),
                            FieldPath.key(p, "secretRef") + ".name", null, c.describe() + " envFrom", false));
                }
            }
            JsonNode env = c.node().path("env");
            for (int i = 0; i < AppObjects.length(env); i++) {
                JsonNode from = env.get(i).path("valueFrom");
                String p = FieldPath.key(FieldPath.index(c.field("env"), i), "valueFrom");
                String where = c.describe() + " env " + env.get(i).path("name").asText("");
                keyRef(out, "ConfigMap", from.path("configMapKeyRef"), FieldPath.key(p, "configMapKeyRef"), where);
                keyRef(out, "Secret", from.path("secretKeyRef"), FieldPath.key(p, "secretKeyRef"), where);
            }
        }
        return out;
    }

    /** A volume source naming a whole ConfigMap or Secret, plus each key its {@code items} project. */
    private static void whole(List<Reference> out, String kind, JsonNode source, String nameField, String path,
                              String where) {
        if (!source.hasNonNull(nameField)) {
            return;
        }
        String name = source.path(nameField).asText();
        boolean optional = source.path("optional").asBoolean(false);
        out.add(new Reference(kind, name, null, optional, FieldPath.key(path, nameField), null, where, false));
        JsonNode items = source.path("items");
        for (int i = 0; i < AppObjects.length(items); i++) {
            if (items.get(i).hasNonNull("key")) {
                String keyPath = FieldPath.key(FieldPath.index(FieldPath.key(path, "items"), i), "key");
                out.add(new Reference(kind, name, items.get(i).path("key").asText(), optional, keyPath, keyPath,
                        where, true));
            }
        }
    }

    private static void keyRef(List<Reference> out, String kind, JsonNode ref, String path, String where) {
        if (ref.hasNonNull("name")) {
            out.add(new Reference(kind, ref.path("name").asText(), ref.path("key").asText(""),
                    ref.path("optional").asBoolean(false), FieldPath.key(path, "name"), FieldPath.key(path, "key"),
                    where, false));
        }
    }
}
