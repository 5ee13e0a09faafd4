package dev.guardrails.scanner.fix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guardrails.scanner.engine.AppTarget;
import dev.guardrails.scanner.model.FieldPath;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.render.KustomizationFile;
import java.util.ArrayList;
import java.util.List;

/**
 * Kustomize apps: an object the app's own directory defines is edited in its file; an object
 * from a base (shared with other overlays) gets a strategic-merge patch in the app's overlay,
 * {@value #PATCH_FILE}, registered under {@code patches:} of its kustomization. A base is never
 * edited from an overlay's point of view. When the in-place edit is overridden by a patch, the
 * overlay patch (applied last) is the fallback.
 */
final class KustomizeWriter implements SourceWriter {

    static final String PATCH_FILE = "guardrails-fixes.yaml";

    @Override
    public List<Alternative> alternatives(AppTarget app, ManifestObject object, List<Edit> edits, SourceFiles files)
            throws FixException {
        String file = object.origin().file();
        if (file.isEmpty()) {
            throw new FixException("kustomize did not say which file defines the object");
        }
        String appDir = app.path().equals(".") ? "" : app.path() + "/";
        YamlSourceEditor.DocumentSelector doc = new YamlSourceEditor.DocumentSelector(object.kind(), null,
                object.origin().document());
        JsonNode source = YamlSourceEditor.tree(files.read(file), doc);
        List<Alternative> out = new ArrayList<>();
        if (file.startsWith(appDir)) {
            List<Edit> translated = new ArrayList<>();
            for (Edit e : edits) {
                String path = PathTranslator.translate(object.raw(), source, e.path());
                if (path == null) {
                    translated = null;
                    break;
                }
                translated.add(e.at(path));
            }
            if (translated != null) {
                out.add(new Alternative("in " + file, List.of(new DocumentEdits(file, doc, translated))));
            }
        }
        inOverlayPatch(object, edits, files, appDir, source).ifPresent(out::add);
        ObjectNode patch = patchFor(object, source, edits);
        String patchFile = appDir + PATCH_FILE;
        String kustomization = KustomizationFile.find(files.root().resolve(app.path()).normalize())
                .map(p -> files.root().relativize(p).toString().replace('\\', '/'))
                .orElseThrow(() -> new FixException(app.path() + " has no kustomization file"));
        out.add(new Alternative("as a patch in " + patchFile,
                List.of(new PatchFileChange(patchFile, patch), new RegisterPatch(kustomization, PATCH_FILE))));
        return out;
    }

    /**
     * The edit in the overlay's own strategic-merge patch when that patch is where the fields come
     * from (a sidecar the overlay patches in): the file that defines the field, before a new patch.
     */
    private static java.util.Optional<Alternative> inOverlayPatch(ManifestObject object, List<Edit> edits,
                                                                   SourceFiles files, String appDir, JsonNode source) {
        java.util.Set<String> defining = new java.util.TreeSet<>();
        for (Edit e : edits) {
            defining.add(object.locate(e.path()).file());
        }
        if (defining.size() != 1) {
            return java.util.Optional.empty();
        }
        String patchFile = defining.iterator().next();
        if (patchFile.isEmpty() || patchFile.equals(object.origin().file()) || !patchFile.startsWith(appDir)) {
            return java.util.Optional.empty();
        }
        String name = source.path("metadata").path("name").asText(object.name());
        YamlSourceEditor.DocumentSelector doc = new YamlSourceEditor.DocumentSelector(object.kind(), name, -1);
        try {
            JsonNode patch = YamlSourceEditor.tree(files.read(patchFile), doc);
            List<Edit> translated = new ArrayList<>();
            for (Edit e : edits) {
                String path = PathTranslator.translate(object.raw(), patch, e.path());
                if (path == null) {
                    return java.util.Optional.empty();
                }
                translated.add(e.at(path));
            }
            return java.util.Optional.of(new Alternative("in " + patchFile,
                    List.of(new DocumentEdits(patchFile, doc, translated))));
        } catch (FixException e) {
            // Not a strategic-merge document for this object (a JSON 6902 patch): a new patch instead.
            return java.util.Optional.empty();
        }
    }

    /** The strategic-merge patch that makes the edits, addressed by the object's source name. */
    static ObjectNode patchFor(ManifestObject object, JsonNode source, List<Edit> edits) throws FixException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode patch = f.objectNode();
        patch.put("apiVersion", object.apiVersion());
        patch.put("kind", object.kind());
        ObjectNode metadata = patch.putObject("metadata");
        String name = source.path("metadata").path("name").asText("");
        metadata.put("name", name.isEmpty() ? object.name() : name);
        String namespace = source.path("metadata").path("namespace").asText("");
        if (!namespace.isEmpty()) {
            metadata.put("namespace", namespace);
        }
        for (Edit e : edits) {
            write(patch, object.raw(), e);
        }
        return patch;
    }

    private static void write(ObjectNode patch, JsonNode rendered, Edit edit) throws FixException {
        List<String> segments = FieldPath.segments(edit.path());
        JsonNode p = patch;
        JsonNode r = rendered;
        for (int k = 0; k < segments.size(); k++) {
            String segment = segments.get(k);
            boolean last = k == segments.size() - 1;
            if (FieldPath.isIndex(segment)) {
                JsonNode item = r.path(Integer.parseInt(segment.substring(1, segment.length() - 1)));
                String itemName = item.path("name").asText("");
                if (itemName.isEmpty() || last) {
                    throw new FixException(edit.path() + ": a patch can only address list items by name");
                }
                ObjectNode match = null;
                for (JsonNode existing : p) {
                    if (existing.path("name").asText().equals(itemName)) {
                        match = (ObjectNode) existing;
                    }
                }
                if (match == null) {
                    match = ((ArrayNode) p).addObject().put("name", itemName);
                }
                p = match;
                r = item;
                continue;
            }
            String key = FieldPath.unquote(segment);
            ObjectNode parent = (ObjectNode) p;
            if (last) {
                JsonNode value = edit.value();
                if (edit.op() == Edit.Op.APPEND) {
                    // Strategic merge replaces plain lists: write the whole list.
                    ArrayNode full = JsonNodeFactory.instance.arrayNode();
                    r.path(key).forEach(full::add);
                    for (JsonNode item : edit.value()) {
                        boolean present = false;
                        for (JsonNode old : full) {
                            present |= Trees.same(old, item);
                        }
                        if (!present) {
                            full.add(item);
                        }
                    }
                    value = full;
                }
                if (parent.get(key) instanceof ObjectNode o && value.isObject()) {
                    Trees.merge(o, value);
                } else {
                    parent.set(key, value.deepCopy());
                }
                return;
            }
            JsonNode child = parent.get(key);
            if (child == null) {
                child = FieldPath.isIndex(segments.get(k + 1)) ? parent.putArray(key) : parent.putObject(key);
            }
            p = child;
            r = r.path(key);
        }
    }


    /** Adds (or merges) one object's patch document in the overlay's fixes file. */
    record PatchFileChange(String file, ObjectNode patch) implements SourceChange {

        @Override
        public String apply(String current) throws FixException {
            List<JsonNode> docs = new ArrayList<>();
            if (!current.isBlank()) {
                for (JsonNode d : YamlSourceEditor.documents(current)) {
                    if (d.isObject()) {
                        docs.add(d);
                    }
                }
            }
            boolean merged = false;
            for (JsonNode d : docs) {
                if (d.path("kind").asText().equals(patch.path("kind").asText())
                        && d.path("metadata").path("name").asText().equals(patch.path("metadata").path("name").asText())
                        && d.path("metadata").path("namespace").asText().equals(patch.path("metadata").path("namespace").asText())) {
                    Trees.merge((ObjectNode) d, patch);
                    merged = true;
                }
            }
            if (!merged) {
                docs.add(patch);
            }
            StringBuilder out = new StringBuilder(
                    "# Written by `guardrails fix`: strategic-merge patches that make this overlay meet the guardrails.\n");
            for (int i = 0; i < docs.size(); i++) {
                if (i > 0) {
                    out.append("---\n");
                }
                out.append(YamlSourceEditor.block((ObjectNode) docs.get(i), 0));
            }
            return out.toString();
        }
    }

    /** Lists the fixes file under {@code patches:} unless the kustomization lists it already. */
    record RegisterPatch(String file, String patchPath) implements SourceChange {

        @Override
        public String apply(String current) throws FixException {
            JsonNode root = YamlSourceEditor.tree(current, YamlSourceEditor.DocumentSelector.byIndex(0));
            for (JsonNode p : root.path("patches")) {
                if (p.path("path").asText().equals(patchPath)) {
                    return current;
                }
            }
            for (JsonNode p : root.path("patchesStrategicMerge")) {
                if (p.asText().equals(patchPath)) {
                    return current;
                }
            }
            ArrayNode item = JsonNodeFactory.instance.arrayNode();
            item.addObject().put("path", patchPath);
            return YamlSourceEditor.apply(current, YamlSourceEditor.DocumentSelector.byIndex(0),
                    List.of(Edit.append("patches", item)));
        }
    }
}
