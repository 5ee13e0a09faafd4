package dev.guardrails.scanner.rules.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.FieldPath;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One entry of {@code spec.volumes}, with its path. A volume's type is the one key besides
 * {@code name}; a volume with no source at all is an emptyDir once the API server defaults it.
 */
public record PodVolume(JsonNode node, String path) {

    public static List<PodVolume> of(PodTemplate pod) {
        List<PodVolume> out = new ArrayList<>();
        JsonNode volumes = pod.spec().path("volumes");
        if (volumes.isArray()) {
            for (int i = 0; i < volumes.size(); i++) {
                out.add(new PodVolume(volumes.get(i), FieldPath.index(pod.field("volumes"), i)));
            }
        }
        return out;
    }

    public String name() {
        return node.path("name").asText("");
    }

    /** The source keys set on this volume (normally one), e.g. {@code hostPath}. */
    public List<String> types() {
        List<String> out = new ArrayList<>();
        Iterator<String> keys = node.fieldNames();
        while (keys.hasNext()) {
            String key = keys.next();
            if (!key.equals("name") && SecurityContexts.isSet(node.get(key))) {
                out.add(key);
            }
        }
        return out;
    }

    public boolean isHostPath() {
        return SecurityContexts.isSet(node.path("hostPath"));
    }

    /** The host path as written, empty for other volume types. */
    public String hostPath() {
        return node.path("hostPath").path("path").asText("");
    }

    /** Path of a field of this volume, e.g. {@code field("hostPath", "path")}. */
    public String field(String... keys) {
        String p = path;
        for (String key : keys) {
            p = FieldPath.key(p, key);
        }
        return p;
    }

    /** How messages name it: {@code volume "data"}. */
    public String describe() {
        return "volume \"" + name() + "\"";
    }
}
