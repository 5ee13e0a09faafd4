package dev.guardrails.scanner.fix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guardrails.scanner.engine.AppTarget;
import dev.guardrails.scanner.model.FieldPath;
import dev.guardrails.scanner.model.ManifestObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
            StringBuilder where = new StringBuilder();
            for (List<SourceChange> c : perEdit) {
                SourceChange change = c.get(Math.min(k, c.size() - 1));
                changes.add(change);
                DocumentEdits d = (DocumentEdits) change;
                where.append(where.length() == 0 ? "" : ", ").append(d.file()).append(" key ").append(d.edits().get(0).path());
            }
            out.add(new Alternative("in " + where, changes));
        }
        return out;
    }

    private static List<SourceChange> candidates(ManifestObject object, Edit edit, JsonNode merged,
                                                 List<String> valuePaths, JsonNode inline,
                                                 List<String> files, List<JsonNode> trees) {
        List<String> segments = FieldPath.segments(edit.path());
        List<SourceChange> exact = new ArrayList<>();
        List<SourceChange> similar = new ArrayList<>();
        for (int m = segments.size(); m >= 1 && exact.size() + similar.size() < MAX_CANDIDATES * 2; m--) {
            String last = segments.get(m - 1);
            List<String> suffix = segments.subList(m, segments.size());
            if (FieldPath.isIndex(last) || suffix.stream().anyMatch(FieldPath::isIndex)) {
                continue;
            }
            String key = FieldPath.unquote(last);
            JsonNode rendered = object.at(FieldPath.join(segments.subList(0, m)));
            for (String valuePath : valuePaths) {
                List<String> vs = FieldPath.segments(valuePath);
                String vKey = FieldPath.unquote(vs.get(vs.size() - 1));
                boolean same = vKey.equals(key);
                if (!same && !vKey.toLowerCase(Locale.ROOT).endsWith(key.toLowerCase(Locale.ROOT))) {
                    continue;
                }
                JsonNode value = FieldPath.resolve(merged, valuePath);
                boolean feeds = rendered.isMissingNode()
                        ? value.isNull() || (value.isObject() && value.isEmpty())
                        : Trees.same(rendered, value);
                if (!feeds || !FieldPath.resolve(inline, valuePath).isMissingNode()) {
                    continue;
                }
                String target = valuePath;
                for (String s : suffix) {
                    target = FieldPath.key(target, FieldPath.unquote(s));
                }
                String file = owner(valuePath, files, trees);
                (same ? exact : similar).add(new DocumentEdits(file, YamlSourceEditor.DocumentSelector.byIndex(0),
                        List.of(edit.at(target))));
            }
        }
        List<SourceChange> out = new ArrayList<>(exact);
        out.addAll(similar);
        return out.size() > MAX_CANDIDATES ? out.subList(0, MAX_CANDIDATES) : out;
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
                node = node.path(FieldPath.unquote(s));
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
