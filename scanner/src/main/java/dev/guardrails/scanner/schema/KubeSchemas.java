package dev.guardrails.scanner.schema;

import dev.guardrails.scanner.rule.KubeVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The vendored API type tables, each read once per instance on first use (about 15 kB gzipped per
 * version). A target version between two shipped ones uses the older; below the oldest, the
 * oldest; above the newest, the newest with {@link Selected#exact()} false so callers can stay
 * quiet about fields a newer release may have added.
 */
public final class KubeSchemas {

    private final Map<String, KubeSchema> loaded = new ConcurrentHashMap<>();

    /** The table used for a target version, and whether it is that version's own. */
    public record Selected(KubeSchema schema, boolean exact, boolean newerThanShipped) {
    }

    public Selected forVersion(KubeVersion target) {
        String chosen = KubeSchema.SHIPPED.get(0);
        for (String v : KubeSchema.SHIPPED) {
            if (target.atLeast(KubeVersion.parse(v))) {
                chosen = v;
            }
        }
        KubeSchema schema = loaded.computeIfAbsent(chosen, KubeSchemas::load);
        boolean exact = chosen.equals(target.toString());
        boolean newer = target.compareTo(KubeVersion.parse(KubeSchema.SHIPPED.get(KubeSchema.SHIPPED.size() - 1))) > 0;
        return new Selected(schema, exact, newer);
    }

    private static KubeSchema load(String version) {
        String resource = "k8s-" + version + ".json.gz";
        try (InputStream in = KubeSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the scanner jar lacks its Kubernetes " + version + " schema (" + resource + ")");
            }
            return KubeSchema.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Kubernetes " + version + " schema", e);
        }
    }
}
