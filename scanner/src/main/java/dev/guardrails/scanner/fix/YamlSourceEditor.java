package dev.guardrails.scanner.fix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guardrails.scanner.model.FieldPath;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.AnchorNode;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Writes {@link Edit}s into YAML text the way a person would: only the lines that change are
 * touched, so comments, key order, quoting and blank lines survive. The text is composed (not
 * constructed) so every node keeps its position; a new key goes after the last line of its
 * parent mapping at the indentation of its siblings, a new list item after the last item.
 *
 * <p>It refuses, rather than guesses, where an edit would change more than the one object: an
 * anchored or aliased node (other places share it), a field that only exists through a merge key,
 * and non-empty flow collections (rewriting them would lose their layout).
 */
public final class YamlSourceEditor {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_/](?:[A-Za-z0-9_./@:-]*[A-Za-z0-9_./@-])?|[0-9]+[A-Za-z][A-Za-z0-9.]*");
    private static final Pattern RESERVED = Pattern.compile(
            "(?i)y|n|yes|no|on|off|true|false|null|~|[-+]?(\\.inf|\\.nan)|[-+]?[0-9][0-9_.eE+-]*|0x[0-9a-f]+|0o?[0-7]+");
    private static final int MAX_CHARS = 4 * 1024 * 1024;

    private final String text;
    private final int[] lineStarts;

    private YamlSourceEditor(String text) {
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Applies edits, in order, to one document of a YAML stream.
     *
     * @param document which document: the first whose {@code kind} and {@code metadata.name}
     *                 match {@code kind}/{@code name}; {@code null} kind selects by index only
     */
    public static String apply(String text, DocumentSelector document, List<Edit> edits) throws FixException {
        // A file with CRLF line ends only keeps them: edits are made on LF text and converted back,
        // so inserted lines do not mix endings. A file that already mixes them is edited as it is.
        boolean crlf = text.contains("\r\n") && text.replace("\r\n", "").indexOf('\n') < 0;
        String edited = applyLf(crlf ? text.replace("\r\n", "\n") : text, document, edits);
        return crlf ? edited.replace("\n", "\r\n") : edited;
    }

    private static String applyLf(String text, DocumentSelector document, List<Edit> edits) throws FixException {
        String current = text;
        java.util.Deque<Edit> work = new java.util.ArrayDeque<>(edits);
        int steps = 0;
        while (!work.isEmpty()) {
            if (++steps > 10_000) {
                throw new FixException("too many edits for one document");
            }
            Edit edit = work.removeFirst();
            YamlSourceEditor editor = new YamlSourceEditor(current);
            Node root = editor.document(document);
            List<Edit> narrower = editor.split(root, edit);
            if (narrower.isEmpty()) {
                current = editor.applyOne(root, edit);
            } else {
                for (int i = narrower.size() - 1; i >= 0; i--) {
                    work.addFirst(narrower.get(i));
                }
            }
        }
        return current;
    }

    /** Which document of a stream an edit is for: by kind and name, the index breaking ties. */
    public record DocumentSelector(String kind, String name, int index) {

        public static DocumentSelector byIndex(int index) {
            return new DocumentSelector(null, null, index);
        }
    }

    /** The document as a JSON tree (for translating rendered paths into this document's paths). */
    public static JsonNode tree(String text, DocumentSelector document) throws FixException {
        YamlSourceEditor editor = new YamlSourceEditor(text);
        return toJson(editor.document(document));
    }

    /** Every document of a stream as JSON (an empty document is a null node). */
    public static List<JsonNode> documents(String text) throws FixException {
        YamlSourceEditor editor = new YamlSourceEditor(text);
        List<JsonNode> out = new ArrayList<>();
        for (Node doc : editor.compose()) {
            out.add(doc == null ? JsonNodeFactory.instance.nullNode() : toJson(doc));
        }
        return out;
    }

    private Node document(DocumentSelector selector) throws FixException {
        List<Node> docs = compose();
        if (selector.kind() != null) {
            Node byIndex = selector.index() >= 0 && selector.index() < docs.size() ? docs.get(selector.index()) : null;
            if (byIndex != null && matches(byIndex, selector)) {
                return byIndex;
            }
            for (Node doc : docs) {
                if (matches(doc, selector)) {
                    return doc;
                }
            }
            throw new FixException("no " + selector.kind() + " \"" + selector.name() + "\" in the file");
        }
        if (selector.index() < 0 || selector.index() >= docs.size() || docs.get(selector.index()) == null) {
            throw new FixException("the file has no document " + selector.index());
        }
        return docs.get(selector.index());
    }

    private List<Node> compose() throws FixException {
        if (text.length() > MAX_CHARS) {
            throw new FixException("file is larger than " + MAX_CHARS + " characters");
        }
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(MAX_CHARS);
        options.setNestingDepthLimit(100);
        List<Node> docs = new ArrayList<>();
        try {
            Iterator<Node> it = new Yaml(new SafeConstructor(options), new org.yaml.snakeyaml.representer.Representer(
                    new DumperOptions()), new DumperOptions(), options).composeAll(new StringReader(text)).iterator();
            while (it.hasNext()) {
                docs.add(it.next());
            }
        } catch (YAMLException e) {
            throw new FixException("the file is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        return docs;
    }

    private static boolean matches(Node doc, DocumentSelector selector) {
        if (!(doc instanceof MappingNode m)) {
            return false;
        }
        Node kind = value(m, "kind");
        Node metadata = value(m, "metadata");
        Node name = metadata instanceof MappingNode mm ? value(mm, "name") : null;
        return kind instanceof ScalarNode k && k.getValue().equals(selector.kind())
                && (selector.name() == null || (name instanceof ScalarNode n && n.getValue().equals(selector.name())));
    }

    /**
     * A SET of a mapping onto a mapping the source already has, as one SET per key, so each key
     * is replaced or inserted at its own place; empty when the edit applies as it is.
     */
    private List<Edit> split(Node root, Edit edit) throws FixException {
        if (edit.op() != Edit.Op.SET || !edit.value().isObject() || edit.value().isEmpty()) {
            return List.of();
        }
        Node node = root;
        for (String segment : segments(edit.path())) {
            node = child(node, segment, edit.path());
            if (node == null) {
                return List.of();
            }
        }
        if (!(node instanceof MappingNode mapping) || mapping.getValue().isEmpty()) {
            return List.of();
        }
        List<Edit> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = edit.value().fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            out.add(Edit.set(FieldPath.key(edit.path(), e.getKey()), e.getValue()));
        }
        return out;
    }

    private String applyOne(Node root, Edit edit) throws FixException {
        List<String> segments = segments(edit.path());
        Node node = root;
        Node parentOfNode = null;
        int depth = 0;
        while (depth < segments.size()) {
            refuseShared(node, edit.path());
            String segment = segments.get(depth);
            Node child = child(node, segment, edit.path());
            if (child == null) {
                break;
            }
            parentOfNode = node;
            node = child;
            depth++;
        }
        refuseShared(node, edit.path());
        List<String> rest = segments.subList(depth, segments.size());
        if (rest.isEmpty()) {
            return edit.op() == Edit.Op.APPEND ? append(node, parentOfNode, edit) : replace(node, parentOfNode, edit.value(), edit.path());
        }
        if (FieldPath.isIndex(rest.get(0))) {
            throw new FixException(edit.path() + ": list item " + rest.get(0) + " does not exist in the source");
        }
        JsonNode nested = nest(rest, edit.value());
        if (isEmptyScalar(node)) {
            return fillEmptyWith((ScalarNode) node, parentOfNode, nested);
        }
        if (!(node instanceof MappingNode mapping)) {
            throw new FixException(edit.path() + ": " + describe(node) + " in the source, not a mapping");
        }
        return insertInto(mapping, parentOfNode, (ObjectNode) nested);
    }

    private static void refuseShared(Node node, String path) throws FixException {
        if (node instanceof AnchorNode || node.getAnchor() != null) {
            throw new FixException(path + ": the source uses a YAML anchor or alias here; a fix would change every place that shares it");
        }
    }

    private static Node child(Node node, String segment, String path) throws FixException {
        if (FieldPath.isIndex(segment)) {
            if (!(node instanceof SequenceNode seq)) {
                return null;
            }
            int i = Integer.parseInt(segment.substring(1, segment.length() - 1));
            return i < seq.getValue().size() ? seq.getValue().get(i) : null;
        }
        if (!(node instanceof MappingNode mapping)) {
            return null;
        }
        String key = FieldPath.unquote(segment);
        Node found = value(mapping, key);
        if (found == null && mapping.getValue().stream().anyMatch(t -> t.getKeyNode() instanceof ScalarNode k
                && k.getTag().equals(Tag.MERGE))) {
            throw new FixException(path + ": the mapping takes keys from a YAML merge key (<<); edit it by hand");
        }
        return found;
    }

    private static Node value(MappingNode mapping, String key) {
        for (NodeTuple t : mapping.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key) && !k.getTag().equals(Tag.MERGE)) {
                return t.getValueNode();
            }
        }
        return null;
    }

    private String replace(Node target, Node parent, JsonNode value, String path) throws FixException {
        if (value.isValueNode()) {
            if (target instanceof ScalarNode s && (s.getScalarStyle() == DumperOptions.ScalarStyle.LITERAL
                    || s.getScalarStyle() == DumperOptions.ScalarStyle.FOLDED)) {
                throw new FixException(path + ": a block scalar in the source; edit it by hand");
            }
            if (isEmptyScalar(target)) {
                return splice(offset(target.getStartMark()), offset(target.getEndMark()), " " + scalar(value));
            }
            if (!(target instanceof ScalarNode) && !isEmptyFlow(target)) {
                throw new FixException(path + ": " + describe(target) + " in the source, not a single value");
            }
            return splice(offset(target.getStartMark()), offset(target.getEndMark()), scalar(value));
        }
        if (isEmptyScalar(target)) {
            return fillEmptyWith((ScalarNode) target, parent, value);
        }
        if (isEmptyFlow(target)) {
            return replaceEmptyFlow(target, parent, value);
        }
        throw new FixException(path + ": cannot replace " + describe(target) + " in place; edit it by hand");
    }

    private String append(Node target, Node parent, Edit edit) throws FixException {
        List<JsonNode> items = new ArrayList<>();
        edit.value().forEach(items::add);
        if (isEmptyScalar(target)) {
            return fillEmptyWith((ScalarNode) target, parent, edit.value());
        }
        if (!(target instanceof SequenceNode seq)) {
            throw new FixException(edit.path() + ": " + describe(target) + " in the source, not a list");
        }
        List<JsonNode> missing = new ArrayList<>();
        for (JsonNode item : items) {
            boolean present = seq.getValue().stream().anyMatch(n -> n instanceof ScalarNode s && item.isValueNode()
                    && s.getValue().equals(item.asText()));
            if (!present) {
                missing.add(item);
            }
        }
        if (missing.isEmpty()) {
            return text;
        }
        if (seq.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
            StringBuilder flow = new StringBuilder("[");
            for (Node n : seq.getValue()) {
                if (flow.length() > 1) {
                    flow.append(", ");
                }
                flow.append(text, offset(n.getStartMark()), offset(n.getEndMark()));
            }
            for (JsonNode item : missing) {
                if (!item.isValueNode()) {
                    throw new FixException(edit.path() + ": a flow-style list in the source; edit it by hand");
                }
                if (flow.length() > 1) {
                    flow.append(", ");
                }
                flow.append(scalar(item));
            }
            flow.append(']');
            return splice(offset(seq.getStartMark()), offset(seq.getEndMark()), flow.toString());
        }
        Node first = seq.getValue().get(0);
        int dash = dashColumn(first);
        StringBuilder block = new StringBuilder();
        for (JsonNode item : missing) {
            block.append(sequenceItem(item, dash));
        }
        return insertAfterLine(lastLine(seq), block.toString());
    }

    private String insertInto(MappingNode mapping, Node parent, ObjectNode nested) throws FixException {
        if (mapping.getValue().isEmpty()) {
            return replaceEmptyFlow(mapping, parent, nested);
        }
        if (mapping.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
            throw new FixException("a flow-style mapping ({...}) in the source; edit it by hand");
        }
        int indent = mapping.getValue().get(0).getKeyNode().getStartMark().getColumn();
        return insertAfterLine(lastLine(mapping), block(nested, indent));
    }

    /** {@code key:} with nothing after it (null): the value goes on the following lines. */
    private String fillEmptyWith(ScalarNode empty, Node parent, JsonNode value) throws FixException {
        if (value.isValueNode()) {
            return splice(offset(empty.getStartMark()), offset(empty.getEndMark()), " " + scalar(value));
        }
        int indent = keyColumn(parent, empty) + 2;
        String body = value.isArray() ? sequence(value, indent) : block((ObjectNode) value, indent);
        int start = offset(empty.getStartMark());
        int end = offset(empty.getEndMark());
        // Null written as "~" or "null" is replaced; an absent value gets its lines after the key.
        String replaced = text.substring(start, end).strip();
        if (!replaced.isEmpty()) {
            return splice(start, end, "\n" + stripTrailingNewline(body));
        }
        return insertAfterLine(empty.getStartMark().getLine(), body);
    }

    /** {@code key: {}} or {@code key: []}: replaced by a block on the following lines. */
    private String replaceEmptyFlow(Node flow, Node parent, JsonNode value) throws FixException {
        int start = offset(flow.getStartMark());
        int end = offset(flow.getEndMark());
        if (value.isValueNode()) {
            return splice(start, end, scalar(value));
        }
        if (parent instanceof SequenceNode) {
            // "- {}": the first key stays on the dash's line.
            int indent = flow.getStartMark().getColumn();
            String body = value.isArray() ? sequence(value, indent) : block((ObjectNode) value, indent);
            return splice(start, end, stripTrailingNewline(body).substring(indent));
        }
        int indent = keyColumn(parent, flow) + 2;
        String body = value.isArray() ? sequence(value, indent) : block((ObjectNode) value, indent);
        return splice(start, end, "\n" + stripTrailingNewline(body));
    }

    private int keyColumn(Node parent, Node valueNode) {
        if (parent instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getValueNode() == valueNode) {
                    return t.getKeyNode().getStartMark().getColumn();
                }
            }
        }
        return 0;
    }

    private String insertAfterLine(int line, String block) {
        int at = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length();
        String prefix = at == text.length() && !text.isEmpty() && !text.endsWith("\n") ? "\n" : "";
        return text.substring(0, at) + prefix + block + text.substring(at);
    }

    private String splice(int start, int end, String replacement) {
        String out = text.substring(0, start) + replacement + text.substring(end);
        // "key: " followed by a newline once the value moved to the next lines: drop the space.
        int colon = start - 1;
        if (replacement.startsWith("\n") && colon >= 0 && text.charAt(colon) == ' ') {
            out = text.substring(0, colon) + replacement + text.substring(end);
        }
        return out;
    }

    /** The last line holding content of a node (trailing comments and blank lines excluded). */
    private int lastLine(Node node) {
        if (node instanceof MappingNode m && m.getFlowStyle() != DumperOptions.FlowStyle.FLOW && !m.getValue().isEmpty()) {
            return lastLine(m.getValue().get(m.getValue().size() - 1).getValueNode());
        }
        if (node instanceof SequenceNode s && s.getFlowStyle() != DumperOptions.FlowStyle.FLOW && !s.getValue().isEmpty()) {
            return lastLine(s.getValue().get(s.getValue().size() - 1));
        }
        Mark end = node.getEndMark();
        if (end.getColumn() == 0 && end.getLine() > node.getStartMark().getLine()) {
            return end.getLine() - 1;
        }
        return end.getLine();
    }

    private int dashColumn(Node item) {
        int line = item.getStartMark().getLine();
        int lineStart = lineStarts[line];
        int at = offset(item.getStartMark()) - 1;
        while (at >= lineStart && text.charAt(at) != '-') {
            at--;
        }
        return at >= lineStart ? text.codePointCount(lineStart, at) : Math.max(0, item.getStartMark().getColumn() - 2);
    }

    private int offset(Mark mark) {
        int lineStart = lineStarts[Math.min(mark.getLine(), lineStarts.length - 1)];
        try {
            return text.offsetByCodePoints(lineStart, mark.getColumn());
        } catch (IndexOutOfBoundsException e) {
            return text.length();
        }
    }

    private static boolean isEmptyScalar(Node node) {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    private static boolean isEmptyFlow(Node node) {
        return (node instanceof MappingNode m && m.getValue().isEmpty())
                || (node instanceof SequenceNode s && s.getValue().isEmpty());
    }

    private static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return "a value";
    }

    private static JsonNode nest(List<String> keys, JsonNode value) {
        JsonNode current = value;
        for (int i = keys.size() - 1; i >= 0; i--) {
            ObjectNode parent = JsonNodeFactory.instance.objectNode();
            parent.set(FieldPath.unquote(keys.get(i)), current);
            current = parent;
        }
        return current;
    }

    /** Block YAML for a mapping, every line at {@code indent}, ending with a newline. */
    static String block(ObjectNode node, int indent) {
        StringBuilder out = new StringBuilder();
        String pad = " ".repeat(indent);
        node.fields().forEachRemaining(e -> {
            out.append(pad).append(key(e.getKey())).append(':');
            JsonNode v = e.getValue();
            if (v.isValueNode() || v.isEmpty()) {
                out.append(' ').append(v.isValueNode() ? scalar(v) : (v.isArray() ? "[]" : "{}")).append('\n');
            } else if (v.isArray()) {
                out.append('\n').append(sequence(v, indent + 2));
            } else {
                out.append('\n').append(block((ObjectNode) v, indent + 2));
            }
        });
        return out.toString();
    }

    /** Block YAML for a list, dashes at {@code dash}. */
    static String sequence(JsonNode array, int dash) {
        StringBuilder out = new StringBuilder();
        array.forEach(item -> out.append(sequenceItem(item, dash)));
        return out.toString();
    }

    private static String sequenceItem(JsonNode item, int dash) {
        String pad = " ".repeat(dash);
        if (item.isValueNode() || item.isEmpty()) {
            return pad + "- " + (item.isValueNode() ? scalar(item) : (item.isArray() ? "[]" : "{}")) + "\n";
        }
        if (item.isArray()) {
            return pad + "-\n" + sequence(item, dash + 2);
        }
        String body = block((ObjectNode) item, dash + 2);
        return pad + "- " + body.substring(dash + 2);
    }

    private static String key(String key) {
        return PLAIN.matcher(key).matches() && !RESERVED.matcher(key).matches() ? key : quote(key);
    }

    /** A scalar as YAML: plain where go-yaml reads it back as the same type, else double-quoted. */
    static String scalar(JsonNode value) {
        if (value.isNull()) {
            return "null";
        }
        if (value.isBoolean() || value.isNumber()) {
            return value.asText();
        }
        String s = value.asText();
        return PLAIN.matcher(s).matches() && !RESERVED.matcher(s).matches() ? s : quote(s);
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String stripTrailingNewline(String s) {
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }



    private static List<String> segments(String path) {
        return FieldPath.segments(path);
    }

    /** A composed node as JSON (scalars typed as go-yaml types them: bool, int, float, null, string). */
    static JsonNode toJson(Node node) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (node instanceof MappingNode m) {
            ObjectNode out = f.objectNode();
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k) {
                    out.set(k.getValue(), toJson(t.getValueNode()));
                }
            }
            return out;
        }
        if (node instanceof SequenceNode s) {
            ArrayNode out = f.arrayNode();
            s.getValue().forEach(n -> out.add(toJson(n)));
            return out;
        }
        if (node instanceof ScalarNode s) {
            Tag tag = s.getTag();
            if (tag.equals(Tag.NULL)) {
                return f.nullNode();
            }
            if (tag.equals(Tag.BOOL)) {
                return f.booleanNode(s.getValue().equalsIgnoreCase("true"));
            }
            if (tag.equals(Tag.INT)) {
                try {
                    return f.numberNode(Long.parseLong(s.getValue()));
                } catch (NumberFormatException e) {
                    return f.textNode(s.getValue());
                }
            }
            return f.textNode(s.getValue());
        }
        return f.nullNode();
    }
}
