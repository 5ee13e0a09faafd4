package dev.guardrails.scanner.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guardrails.scanner.model.FieldPath;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.SourceSpan;
import dev.guardrails.scanner.parse.ManifestParseException;
import dev.guardrails.scanner.parse.ManifestParser;
import dev.guardrails.scanner.render.KustomizationFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps objects rendered by kustomize back to the file and lines they came from. kustomize marks
 * each object with a {@code config.kubernetes.io/origin} annotation (the renderer asks for it);
 * this class removes the annotation, finds the object in that source file, and carries over the
 * line of every field that exists there too. Fields added by overlays or patches fall back to the
 * nearest ancestor that the source has, so a finding still points at the right object.
 *
 * <p>Array elements are matched by {@code name} where elements have one (containers, ports,
 * volumes): a patch that inserts a container must not shift every other container's lines.
 *
 * <p>Fields a strategic-merge patch of the app's kustomization graph adds or sets to a value point
 * at the patch file instead (a container added by an overlay's patch is reported in that patch),
 * so PR annotations land on the lines the change touched.
 */
final class OriginLocator {

    static final String ANNOTATION = "config.kubernetes.io/origin";

    private final Path repoRoot;
    private final String appPath;
    private final ManifestParser parser;
    private final Map<String, List<ManifestObject>> sources = new HashMap<>();
    private List<String> patchFiles;

    OriginLocator(Path repoRoot, String appPath, ManifestParser parser) {
        this.repoRoot = repoRoot;
        this.appPath = appPath;
        this.parser = parser;
    }

    /** The object without the origin annotation, located in its source file when that can be read. */
    ManifestObject locate(ManifestObject rendered) {
        JsonNode annotations = rendered.raw().path("metadata").path("annotations");
        if (!annotations.has(ANNOTATION)) {
            return rendered;
        }
        String origin = annotations.get(ANNOTATION).asText();
        ObjectNode raw = rendered.raw().deepCopy();
        ObjectNode rawAnnotations = (ObjectNode) raw.path("metadata").path("annotations");
        rawAnnotations.remove(ANNOTATION);
        if (rawAnnotations.isEmpty()) {
            ((ObjectNode) raw.get("metadata")).remove("annotations");
        }
        ManifestObject stripped = new ManifestObject(raw, rendered.origin(), Map.of());
        Optional<String> file = originPath(origin);
        if (file.isEmpty()) {
            return stripped;
        }
        Optional<ManifestObject> source = find(file.get(), stripped);
        if (source.isEmpty()) {
            return new ManifestObject(raw, new SourceSpan(file.get(), 0, 0), Map.of());
        }
        Map<String, Integer> lines = new HashMap<>();
        match(raw, source.get().raw(), "", "", source.get().fieldLines(), lines);
        Map<String, String> files = new HashMap<>();
        for (String patchFile : patchFiles()) {
            for (ManifestObject patch : sources.computeIfAbsent(patchFile, this::read)) {
                if (!patch.kind().equals(rendered.kind()) || !sameObject(patch, source.get(), rendered)) {
                    continue;
                }
                Map<String, Integer> patched = new HashMap<>();
                match(raw, patch.raw(), "", "", patch.fieldLines(), patched);
                patched.forEach((path, line) -> {
                    // Only what the patch adds or sets; shared parents (spec, template) stay in the source.
                    if (!lines.containsKey(path) || files.containsKey(path) || FieldPath.resolve(raw, path).isValueNode()) {
                        lines.put(path, line);
                        files.put(path, patchFile);
                    }
                });
            }
        }
        return new ManifestObject(raw, source.get().origin(), lines, files);
    }

    private static boolean sameObject(ManifestObject patch, ManifestObject source, ManifestObject rendered) {
        String name = patch.name();
        return name.isEmpty() || name.equals(source.name()) || name.equals(rendered.name());
    }

    /** Strategic-merge patch files of the app's kustomization graph, bases first (later ones win). */
    private List<String> patchFiles() {
        if (patchFiles == null) {
            List<String> out = new java.util.ArrayList<>();
            collectPatches(repoRoot.resolve(appPath).normalize(), new java.util.HashSet<>(), out, 0);
            patchFiles = out;
        }
        return patchFiles;
    }

    private void collectPatches(Path dir, java.util.Set<Path> seen, List<String> out, int depth) {
        Path root = repoRoot.normalize();
        if (depth > 20 || !dir.startsWith(root) || !seen.add(dir)) {
            return;
        }
        Optional<Path> file = KustomizationFile.find(dir);
        if (file.isEmpty()) {
            return;
        }
        List<KustomizationFile.Ref> refs;
        try {
            refs = KustomizationFile.read(file.get());
        } catch (java.io.IOException e) {
            return;
        }
        for (KustomizationFile.Ref ref : refs) {
            if (ref.kind() == KustomizationFile.Kind.TREE && !KustomizationFile.hasRemoteScheme(ref.value())) {
                Path child = dir.resolve(ref.value()).normalize();
                if (Files.isDirectory(child)) {
                    collectPatches(child, seen, out, depth + 1);
                }
            }
        }
        for (KustomizationFile.Ref ref : refs) {
            if (ref.kind() == KustomizationFile.Kind.FILE
                    && (ref.field().equals("patches") || ref.field().equals("patchesStrategicMerge"))) {
                Path patch = dir.resolve(ref.value()).normalize();
                if (patch.startsWith(root) && Files.isRegularFile(patch)) {
                    out.add(root.relativize(patch).toString().replace('\\', '/'));
                }
            }
        }
    }

    private static Optional<String> originPath(String origin) {
        for (String line : origin.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("path:")) {
                String path = trimmed.substring(5).strip();
                return path.isEmpty() || path.contains("://") || path.startsWith("..") || path.startsWith("/")
                        ? Optional.empty() : Optional.of(path);
            }
        }
        return Optional.empty();
    }

    private Optional<ManifestObject> find(String file, ManifestObject rendered) {
        List<ManifestObject> objects = sources.computeIfAbsent(file, this::read);
        ManifestObject best = null;
        int bestScore = -1;
        for (ManifestObject candidate : objects) {
            if (!candidate.kind().equals(rendered.kind())) {
                continue;
            }
            int score = 0;
            if (candidate.name().equals(rendered.name())) {
                score = 3;
            } else if (!candidate.name().isEmpty() && rendered.name().contains(candidate.name())) {
                score = 2; // namePrefix / nameSuffix
            } else if (candidate.name().isEmpty()) {
                score = 1;
            }
            if (score > bestScore) {
                best = candidate;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    private List<ManifestObject> read(String file) {
        Path path = repoRoot.resolve(file).normalize();
        if (!path.startsWith(repoRoot.normalize()) || !Files.isRegularFile(path)) {
            return List.of();
        }
        try {
            return parser.parse(path, file);
        } catch (ManifestParseException e) {
            return List.of();
        }
    }

    private static void match(JsonNode rendered, JsonNode source, String renderedPath, String sourcePath,
                              Map<String, Integer> sourceLines, Map<String, Integer> out) {
        if (rendered.isObject() && source.isObject()) {
            rendered.fieldNames().forEachRemaining(key -> {
                if (source.has(key)) {
                    String rp = FieldPath.key(renderedPath, key);
                    String sp = FieldPath.key(sourcePath, key);
                    Integer line = sourceLines.get(sp);
                    if (line != null) {
                        out.put(rp, line);
                    }
                    match(rendered.get(key), source.get(key), rp, sp, sourceLines, out);
                }
            });
        } else if (rendered.isArray() && source.isArray()) {
            for (int i = 0; i < rendered.size(); i++) {
                int j = counterpart(rendered, source, i);
                if (j < 0) {
                    continue;
                }
                String rp = FieldPath.index(renderedPath, i);
                String sp = FieldPath.index(sourcePath, j);
                Integer line = sourceLines.get(sp);
                if (line != null) {
                    out.put(rp, line);
                }
                match(rendered.get(i), source.get(j), rp, sp, sourceLines, out);
            }
        }
    }

    /** The source index of rendered element i: same name if elements are named, else same index. */
    private static int counterpart(JsonNode rendered, JsonNode source, int i) {
        JsonNode element = rendered.get(i);
        if (element.isObject() && element.has("name")) {
            String name = element.get("name").asText();
            for (int j = 0; j < source.size(); j++) {
                if (source.get(j).isObject() && name.equals(source.get(j).path("name").asText(null))) {
                    return j;
                }
            }
            return -1;
        }
        return i < source.size() ? i : -1;
    }
}
