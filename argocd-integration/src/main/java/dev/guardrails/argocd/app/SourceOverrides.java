package dev.guardrails.argocd.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.guardrails.scanner.parse.YamlReader;
import dev.guardrails.scanner.parse.ManifestParseException;
import dev.guardrails.scanner.render.PathGuard;
import dev.guardrails.scanner.render.RenderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Argo CD's parameter override files ({@code mergeSourceParameters}): {@code .argocd-source.yaml}
 * and then {@code .argocd-source-<appName>.yaml} in the source's path are JSON-merge-patched
 * (RFC 7386) into the source. They may set tool options, even add a tool block, but never change
 * {@code repoURL}, {@code path}, {@code targetRevision} or {@code chart}.
 */
public final class SourceOverrides {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> PROTECTED = List.of("repoURL", "path", "targetRevision", "chart");

    private SourceOverrides() {
    }

    /** The result: the merged source and the override files applied (repo-relative). */
    public record Merged(ApplicationSource source, List<String> files) {
    }

    /**
     * Applies the override files found in the source's path.
     *
     * @throws InvalidApplicationException when an override file cannot be read or yields an invalid source
     */
    public static Merged apply(Path repoRoot, Application app, ApplicationSource source)
            throws InvalidApplicationException {
        if (source.path() == null || source.path().isBlank()) {
            return new Merged(source, List.of());
        }
        PathGuard guard;
        Path dir;
        try {
            guard = new PathGuard(repoRoot);
            dir = guard.resolveInRepo(source.path(), "app path");
        } catch (RenderException e) {
            return new Merged(source, List.of()); // the renderer reports the bad path
        }
        if (!Files.isDirectory(dir)) {
            return new Merged(source, List.of());
        }
        ObjectNode merged = rawSource(app, source).deepCopy();
        List<String> applied = new ArrayList<>();
        for (String name : List.of(".argocd-source.yaml", ".argocd-source-" + app.name() + ".yaml")) {
            Path file = dir.resolve(name);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            String shown = guard.relative(file);
            if (!guard.isInside(file)) {
                throw new InvalidApplicationException("Application '" + app.name() + "': override file " + shown
                        + " resolves outside the repository");
            }
            JsonNode patch;
            try {
                patch = new YamlReader().readTree(file, shown);
            } catch (ManifestParseException e) {
                throw new InvalidApplicationException("Application '" + app.name() + "': cannot read " + e.getMessage());
            }
            if (patch == null || patch.isMissingNode() || patch.isNull()) {
                applied.add(shown);
                continue;
            }
            JsonNode result = mergePatch(merged, patch);
            if (!result.isObject()) {
                throw new InvalidApplicationException("Application '" + app.name() + "': " + shown
                        + " must hold an object");
            }
            merged = (ObjectNode) result;
            applied.add(shown);
        }
        if (applied.isEmpty()) {
            return new Merged(source, List.of());
        }
        ObjectNode original = rawSource(app, source);
        for (String key : PROTECTED) {
            if (original.has(key)) {
                merged.set(key, original.get(key).deepCopy());
            } else {
                merged.remove(key);
            }
        }
        String field = "source (after " + String.join(", ", applied) + ")";
        return new Merged(ApplicationReader.readSource(app.name(), merged, field, source.index()), applied);
    }

    /** The source object as written in the Application. */
    static ObjectNode rawSource(Application app, ApplicationSource source) {
        JsonNode spec = app.raw().path("spec");
        JsonNode many = spec.path("sources");
        JsonNode node = many.isArray() && !many.isEmpty() ? many.path(source.index()) : spec.path("source");
        return node.isObject() ? (ObjectNode) node : YAML.createObjectNode();
    }

    /** RFC 7386 JSON merge patch: objects merge key by key, {@code null} deletes, anything else replaces. */
    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : YAML.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) {
                result.remove(e.getKey());
            } else {
                result.set(e.getKey(), mergePatch(result.get(e.getKey()), e.getValue()));
            }
        }
        return result;
    }
}
