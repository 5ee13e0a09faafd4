package dev.guardrails.scanner.fix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.guardrails.scanner.engine.AppTarget;
import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.FieldPath;
import dev.guardrails.scanner.model.ManifestObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Helm apps: the fix goes into the values key that feeds the field, never into a template.
 *
 * <p>Which key feeds a field is found from the values themselves: walking up from the field, a
 * values key named like the rendered field (or ending with its name, as {@code
 * podSecurityContext} feeds a pod's {@code securityContext}) whose value equals what was
 * rendered there ({@code {}} or null where nothing was rendered) is a candidate, deepest and
 * exact names first. Each candidate is only a guess until the runner re-renders the chart and
 * sees the finding gone; a chart that hard-codes the field has no candidate and the finding is
 * reported as not auto-fixable, with its template.
 */
final class HelmValuesWriter implements SourceWriter {

    private static final int MAX_CANDIDATES = 4;

    @Override
    public List<Alternative> alternatives(AppTarget app, ManifestObject object, List<Edit> edits, SourceFiles files)
            throws FixException {
        List<String> valueFiles = valueFiles(app, files);
        List<JsonNode> trees = new ArrayList<>();
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        for (String file : valueFiles) {
            JsonNode tree = files.exists(file) ? YamlSourceEditor.tree(files.read(file),
                    YamlSourceEditor.DocumentSelector.byIndex(0)) : JsonNodeFactory.instance.objectNode();
            trees.add(tree);
            if (tree.isObject()) {
                Trees.merge(merged, tree);
            }
        }
        JsonNode inline = inlineValues(app);
        List<String> valuePaths = new ArrayList<>();
        collect(merged, "", valuePaths);
        for (String read : TemplateReferences.of(files.root().resolve(app.path()).normalize(), files.root())) {
            if (FieldPath.resolve(merged, read).isMissingNode() && !valuePaths.contains(read)) {
                valuePaths.add(read);
            }
        }
        List<List<SourceChange>> perEdit = new ArrayList<>();
        for (Edit edit : edits) {
            List<SourceChange> candidates = candidates(object, edit, merged, valuePaths, inline, valueFiles, trees);
            if (candidates.isEmpty()) {
                throw new FixException("no values key feeds " + edit.path() + "; the chart's template sets it");
            }
            perEdit.add(candidates);
        }
        List<Alternative> out = new ArrayList<>();
        int max = perEdit.stream().mapToInt(List::size).max().orElse(0);
        for (int k = 0; k < max; k++) {
            List<SourceChange> changes = new ArrayList<>();
            Set<String> keys = new LinkedHashSet<>();
            for (List<SourceChange> c : perEdit) {
                SourceChange change = c.get(Math.min(k, c.size() - 1));
                changes.add(change);
                DocumentEdits d = (DocumentEdits) change;
                keys.add(d.file() + " key " + d.edits().get(0).path());
            }
            out.add(new Alternative("in " + String.join(", ", keys), changes));
        }
        return out;
    }

    private static List<SourceChange> candidates(ManifestObject object, Edit edit, JsonNode merged,
                                                 List<String> valuePaths, JsonNode inline,
                                                 List<String> files, List<JsonNode> trees) {
        List<String> segments = FieldPath.segments(edit.path());
        List<SourceChange> podNamed = new ArrayList<>();
        List<SourceChange> exact = new ArrayList<>();
        List<SourceChange> similar = new ArrayList<>();
        List<SourceChange> weak = new ArrayList<>();
        List<String> podLevel = PodTemplate.of(object).map(p -> List.of(p.specPath(), p.metadataPath())).orElse(List.of());
        for (int m = segments.size(); m >= 1 && podNamed.size() + exact.size() + similar.size() < MAX_CANDIDATES * 2; m--) {
            String last = segments.get(m - 1);
            List<String> suffix = segments.subList(m, segments.size());
            if (suffix.stream().anyMatch(FieldPath::isIndex)) {
                continue;
            }
            if (FieldPath.isIndex(last)) {
                // A list item from a values list (sidecars: [...] rendered into containers[1]).
                exact.addAll(listItems(object.at(FieldPath.join(segments.subList(0, m))), suffix, edit, merged,
                        valuePaths, inline, files, trees));
                continue;
            }
            String key = FieldPath.unquote(last);
            JsonNode rendered = object.at(FieldPath.join(segments.subList(0, m)));
            // Charts name the pod's copy of a field podX (podSecurityContext, podLabels) and the
            // container's or the object's X: where both are empty, the name settles it.
            String podKey = podLevel.contains(FieldPath.join(segments.subList(0, m - 1)))
                    ? "pod" + Character.toUpperCase(key.charAt(0)) + key.substring(1) : null;
            for (String valuePath : valuePaths) {
                List<String> vs = FieldPath.segments(valuePath);
                String vKey = FieldPath.unquote(vs.get(vs.size() - 1));
                boolean same = vKey.equals(key);
                if (!same && !named(vKey, key)) {
                    continue;
                }
                Feed feed = feed(rendered, FieldPath.resolve(merged, valuePath));
                if (feed == Feed.NO || !FieldPath.resolve(inline, valuePath).isMissingNode()) {
                    continue;
                }
                String target = valuePath;
                for (String s : suffix) {
                    target = FieldPath.key(target, FieldPath.unquote(s));
                }
                DocumentEdits change = new DocumentEdits(owner(valuePath, files, trees),
                        YamlSourceEditor.DocumentSelector.byIndex(0), List.of(edit.at(target)));
                if (feed != Feed.EQUAL) {
                    weak.add(change);
                } else {
                    (vKey.equals(podKey) ? podNamed : same ? exact : similar).add(change);
                }
            }
        }
        weak.addAll(0, extendedStrings(object, edit, merged, valuePaths, inline, files, trees));
        List<SourceChange> out = new ArrayList<>(podNamed);
        out.addAll(exact);
        out.addAll(similar);
        out.addAll(weak);
        return out.size() > MAX_CANDIDATES ? out.subList(0, MAX_CANDIDATES) : out;
    }

    /**
     * Values list items equal to the rendered item: a chart that copies a values list into a
     * rendered one ({@code toYaml .Values.sidecars}) is fixed in the item, e.g. {@code
     * sidecars[0].securityContext.readOnlyRootFilesystem}.
     */
    private static List<SourceChange> listItems(JsonNode renderedItem, List<String> suffix, Edit edit, JsonNode merged,
                                                List<String> valuePaths, JsonNode inline, List<String> files,
                                                List<JsonNode> trees) {
        List<SourceChange> out = new ArrayList<>();
        if (!renderedItem.isObject() || renderedItem.isEmpty()) {
            return out;
        }
        for (String valuePath : valuePaths) {
            List<String> vs = FieldPath.segments(valuePath);
            if (!FieldPath.isIndex(vs.get(vs.size() - 1)) || !Trees.same(renderedItem, FieldPath.resolve(merged, valuePath))
                    || !FieldPath.resolve(inline, valuePath).isMissingNode()) {
                continue;
            }
            String target = valuePath;
            for (String s : suffix) {
                target = FieldPath.key(target, FieldPath.unquote(s));
            }
            out.add(new DocumentEdits(owner(valuePath, files, trees), YamlSourceEditor.DocumentSelector.byIndex(0),
                    List.of(edit.at(target))));
        }
        return out;
    }

    /** How a values key may feed a rendered field. */
    private enum Feed {
        /** the key's value is what was rendered there ({@code {}} or null where nothing was) */
        EQUAL,
        /**
         * a weaker sign: a map of texts whose entries all appear in a larger rendered one (values
         * merged into labels a helper writes), or a key the templates read that no values file sets
         */
        PART,
        NO
    }

    private static Feed feed(JsonNode rendered, JsonNode value) {
        boolean nothingRendered = rendered.isMissingNode() || rendered.isNull();
        if (value.isMissingNode()) {
            return nothingRendered ? Feed.PART : Feed.NO;
        }
        if (rendered.isMissingNode()) {
            return value.isNull() || (value.isObject() && value.isEmpty()) ? Feed.EQUAL : Feed.NO;
        }
        if (Trees.same(rendered, value)) {
            return Feed.EQUAL;
        }
        return textMap(rendered) && textMap(value) && contained(value, rendered) ? Feed.PART : Feed.NO;
    }

    /**
     * Labels, annotations, selectors: the maps charts build from a helper and values merged
     * together. Structured maps (a securityContext) are not merged that way, and an empty values
     * map "contained" in one would be a guess about an unrelated field.
     */
    private static boolean textMap(JsonNode node) {
        if (!node.isObject()) {
            return false;
        }
        for (JsonNode v : node) {
            if (!v.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static boolean contained(JsonNode part, JsonNode whole) {
        for (Iterator<Map.Entry<String, JsonNode>> it = part.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!whole.has(e.getKey()) || !Trees.same(e.getValue(), whole.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** A values key named like the field, or ending with its name ({@code podLabels} for labels). */
    private static boolean named(String valueKey, String field) {
        return valueKey.equals(field) || valueKey.toLowerCase(Locale.ROOT).endsWith(field.toLowerCase(Locale.ROOT));
    }

    /**
     * A text the fix only extends (an image pinned by digest: {@code web:3.1.0} becomes {@code
     * web:3.1.0@sha256:...}) is written by extending the values text the rendered one ends with,
     * under a key named like the field ({@code image.tag}), as templates join such texts from
     * several keys ({@code "{{ .Values.image.repository }}:{{ .Values.image.tag }}"}).
     */
    private static List<SourceChange> extendedStrings(ManifestObject object, Edit edit, JsonNode merged,
                                                      List<String> valuePaths, JsonNode inline,
                                                      List<String> files, List<JsonNode> trees) {
        List<SourceChange> out = new ArrayList<>();
        String rendered = object.at(edit.path()).isTextual() ? object.at(edit.path()).asText() : "";
        if (edit.op() != Edit.Op.SET || !edit.value().isTextual() || rendered.isEmpty()
                || !edit.value().asText().startsWith(rendered) || edit.value().asText().equals(rendered)) {
            return out;
        }
        List<String> segments = FieldPath.segments(edit.path());
        String field = FieldPath.unquote(segments.get(segments.size() - 1));
        String added = edit.value().asText().substring(rendered.length());
        for (String valuePath : valuePaths) {
            JsonNode value = FieldPath.resolve(merged, valuePath);
            if (!value.isTextual() || value.asText().isEmpty() || !rendered.endsWith(value.asText())
                    || value.asText().equals(rendered)
                    || FieldPath.segments(valuePath).stream().noneMatch(s -> named(FieldPath.unquote(s), field))
                    || !FieldPath.resolve(inline, valuePath).isMissingNode()) {
                continue;
            }
            out.add(new DocumentEdits(owner(valuePath, files, trees), YamlSourceEditor.DocumentSelector.byIndex(0),
                    List.of(Edit.set(valuePath, TextNode.valueOf(value.asText() + added)))));
        }
        return out;
    }

    /** The last values file that writes the deepest part of the key: the one Helm takes it from. */
    private static String owner(String valuePath, List<String> files, List<JsonNode> trees) {
        List<String> segments = FieldPath.segments(valuePath);
        String best = files.get(0);
        int bestDepth = -1;
        for (int i = 0; i < files.size(); i++) {
            int depth = 0;
            JsonNode node = trees.get(i);
            for (String s : segments) {
                node = FieldPath.isIndex(s) ? node.path(Integer.parseInt(s.substring(1, s.length() - 1)))
                        : node.path(FieldPath.unquote(s));
                if (node.isMissingNode()) {
                    break;
                }
                depth++;
            }
            if (depth > 0 && depth >= bestDepth) {
                best = files.get(i);
                bestDepth = depth;
            }
        }
        return best;
    }

    private static void collect(JsonNode node, String path, List<String> out) {
        if (node.isArray() && !path.isEmpty()) {
            // Items of lists of maps (sidecars, extraContainers) can feed rendered list items.
            for (int i = 0; i < node.size() && i < 50 && out.size() <= 20_000; i++) {
                if (node.get(i).isObject()) {
                    String child = FieldPath.index(path, i);
                    out.add(child);
                    collect(node.get(i), child, out);
                }
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String child = FieldPath.key(path, e.getKey());
            out.add(child);
            if (out.size() > 20_000) {
                return;
            }
            collect(e.getValue(), child, out);
        }
    }

    /** values.yaml of the chart, then the app's value files inside the repo, in Helm's order. */
    private static List<String> valueFiles(AppTarget app, SourceFiles files) {
        List<String> out = new ArrayList<>();
        String chart = app.path().equals(".") ? "" : app.path() + "/";
        out.add(chart + "values.yaml");
        Path chartDir = files.root().resolve(app.path()).normalize();
        for (String v : app.request().helm().valueFiles()) {
            if (v.contains("://") || v.startsWith("$")) {
                continue;
            }
            Path p = chartDir.resolve(v).normalize();
            if (p.startsWith(files.root())) {
                String rel = files.root().relativize(p).toString().replace('\\', '/');
                if (!out.contains(rel)) {
                    out.add(rel);
                }
            }
        }
        return out;
    }

    private static JsonNode inlineValues(AppTarget app) {
        String yaml = app.request().helm().valuesYaml();
        if (yaml == null || yaml.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            return YamlSourceEditor.tree(yaml, YamlSourceEditor.DocumentSelector.byIndex(0));
        } catch (FixException e) {
            return JsonNodeFactory.instance.objectNode();
        }
    }



}
