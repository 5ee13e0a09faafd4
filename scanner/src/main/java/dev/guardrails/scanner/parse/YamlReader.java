package dev.guardrails.scanner.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guardrails.scanner.model.FieldPath;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The one YAML reader of the tool: every YAML it reads (rendered manifests, kustomizations, Chart.yaml
 * and values files, Applications, {@code .argocd-source*.yaml}, {@code .guardrails.yaml}) goes through
 * it, so what is checked is what the cluster gets.
 *
 * <p>SnakeYAML composes each document (anchors and aliases resolved to the same node); this class
 * then builds the JSON tree as {@code sigs.k8s.io/yaml} (go-yaml v2) would: scalars by
 * {@link GoYamlScalars}, merge keys {@code <<} applied in document order with later keys winning
 * (go-yaml v2's rule; within a list of maps the earlier map wins), map keys turned into JSON
 * strings. A key written twice in one mapping makes that document an error, as kubectl's strict
 * decoding reports it; the other documents of the stream are still read.
 *
 * <p>Bounds: input size, nesting depth (counted after alias expansion), aliases to collections per
 * document, and the number of nodes aliases may add (an alias bomb expands exponentially).
 */
public final class YamlReader {

    /** Nodes alias expansion may add beyond the nodes written in the document. */
    static final int ALIAS_EXPANSION_ALLOWANCE = 100_000;

    private static final Tag IMPLICIT = new Tag("tag:guardrails.dev,2024:implicit");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ParseLimits limits;

    public YamlReader() {
        this(ParseLimits.DEFAULT);
    }

    public YamlReader(ParseLimits limits) {
        this.limits = limits;
    }

    /**
     * One document of a stream.
     *
     * @param index 0-based position in the stream
     * @param line  1-based line where it starts
     * @param root  the resolved tree; {@link MissingNode} for an empty document or when {@code error} is set
     * @param lines line of every field path ({@link FieldPath} syntax) in the document
     * @param error why this document could not be read, or {@code null}
     */
    public record Document(int index, int line, JsonNode root, Map<String, Integer> lines,
                           ManifestParseException error) {

        public boolean empty() {
            return error == null && (root.isMissingNode() || root.isNull());
        }
    }

    /**
     * Every document of a stream. A syntax error ends the stream (a YAML parser cannot resume after
     * one) and is the last document; errors that belong to one document (duplicate keys, bad merge
     * values, unrepresentable scalars) leave the others readable.
     *
     * @throws ManifestParseException only when the input as a whole is refused (over the size limit)
     */
    public List<Document> documents(String text, String name) throws ManifestParseException {
        long bytes = text.length();
        if (bytes > limits.maxBytes() || (bytes = text.getBytes(StandardCharsets.UTF_8).length) > limits.maxBytes()) {
            throw new ManifestParseException(name, 0, "input is " + bytes + " bytes, over the limit; refusing to parse it");
        }
        List<Document> out = new ArrayList<>();
        Composer composer = composer(text);
        int index = 0;
        while (true) {
            Node node;
            try {
                if (!composer.checkNode()) {
                    break;
                }
                if (index >= limits.maxDocuments()) {
                    out.add(failed(index, 0, new ManifestParseException(name, 0,
                            "more than " + limits.maxDocuments() + " documents")));
                    break;
                }
                node = composer.getNode();
            } catch (YAMLException | IllegalStateException e) {
                out.add(failed(index, errorLine(e), new ManifestParseException(name, errorLine(e), describe(e))));
                break;
            }
            int line = node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
            Builder builder = new Builder(name);
            try {
                JsonNode root = builder.value(node, "", 0);
                out.add(new Document(index, line, root, builder.lines, null));
            } catch (ManifestParseException e) {
                out.add(failed(index, line, e));
            }
            index++;
        }
        return out;
    }

    /**
     * The first document of {@code text}, as go-yaml's {@code Unmarshal} reads config files;
     * {@link MissingNode} when there is none or it is empty.
     */
    public JsonNode readTree(String text, String name) throws ManifestParseException {
        List<Document> docs = documents(text, name);
        if (docs.isEmpty()) {
            return MissingNode.getInstance();
        }
        Document first = docs.get(0);
        if (first.error() != null) {
            throw first.error();
        }
        return first.root().isNull() ? MissingNode.getInstance() : first.root();
    }

    /** {@link #readTree(String, String)} of a file; {@code name} is how errors show it (repo-relative). */
    public JsonNode readTree(Path file, String name) throws ManifestParseException {
        return readTree(read(file, name), name);
    }

    /** The text of a file, refusing one over the size limit; errors never quote the file's content. */
    public String read(Path file, String name) throws ManifestParseException {
        try {
            if (!Files.isRegularFile(file)) {
                throw new ManifestParseException(name, 0, Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                        ? "not a regular file" : "file not found");
            }
            long size = Files.size(file);
            if (size > limits.maxBytes()) {
                throw new ManifestParseException(name, 0, "input is " + size + " bytes, over the limit; refusing to parse it");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new ManifestParseException(name, 0, "not UTF-8 text");
        } catch (IOException e) {
            throw new ManifestParseException(name, 0, "cannot read file (" + e.getClass().getSimpleName() + ")");
        }
    }

    private Composer composer(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxBytes()));
        options.setMaxAliasesForCollections(limits.maxAliases());
        options.setNestingDepthLimit(limits.maxDepth() + 1);
        options.setAllowRecursiveKeys(false);
        options.setProcessComments(false);
        return new Composer(new ParserImpl(new StreamReader(new StringReader(text)), options),
                new ImplicitMarkingResolver(), options);
    }

    private static Document failed(int index, int line, ManifestParseException e) {
        return new Document(index, line, MissingNode.getInstance(), Map.of(), e);
    }

    private static int errorLine(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException m && m.getProblemMark() != null) {
                return m.getProblemMark().getLine() + 1;
            }
        }
        return 0;
    }

    private static String describe(Throwable e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (msg.contains("aliases")) {
            return "too many YAML aliases; refusing a possible alias bomb";
        }
        if (msg.contains("Nesting Depth") || msg.contains("nesting depth")) {
            return "YAML nested too deeply";
        }
        if (msg.contains("code points")) {
            return "input over the size limit; refusing to parse it";
        }
        if (e instanceof MarkedYAMLException m) {
            // The problem only: SnakeYAML's full message quotes the input around the mark.
            String context = m.getContext() == null ? "" : m.getContext() + ", ";
            return "malformed YAML: " + context + (m.getProblem() == null ? "syntax error" : m.getProblem());
        }
        int nl = msg.indexOf('\n');
        return "malformed YAML: " + (nl > 0 ? msg.substring(0, nl) : msg).trim();
    }

    /**
     * Tags untagged plain scalars with a marker so the builder resolves them itself (go-yaml v2
     * rules), while quoted scalars stay {@code !!str} and explicit tags stay as written.
     */
    private static final class ImplicitMarkingResolver extends Resolver {
        @Override
        public Tag resolve(NodeId kind, String value, boolean implicit) {
            if (kind == NodeId.scalar && implicit) {
                return IMPLICIT;
            }
            return super.resolve(kind, value, implicit);
        }
    }

    /** Builds one document's JSON tree and line map from the composed node graph. */
    private final class Builder {
        private final String name;
        private final Map<String, Integer> lines = new HashMap<>();
        private final Map<Node, Boolean> seen = new IdentityHashMap<>();
        private int written;
        private int expanded;

        Builder(String name) {
            this.name = name;
        }

        JsonNode value(Node node, String path, int depth) throws ManifestParseException {
            count(node);
            if (depth > limits.maxDepth()) {
                throw error(node, "YAML nested deeper than " + limits.maxDepth() + " levels");
            }
            return switch (node.getNodeId()) {
                case scalar -> scalar((ScalarNode) node);
                case sequence -> sequence((SequenceNode) node, path, depth);
                case mapping -> {
                    ObjectNode obj = NODES.objectNode();
                    mapping((MappingNode) node, obj, path, depth);
                    yield obj;
                }
                default -> throw error(node, "unsupported YAML node");
            };
        }

        /** Counts nodes; a node met a second time was reached through an alias. */
        private void count(Node node) throws ManifestParseException {
            if (seen.put(node, Boolean.TRUE) == null) {
                written++;
            } else if (++expanded > ALIAS_EXPANSION_ALLOWANCE + written) {
                throw error(node, "YAML aliases expand to more than " + (ALIAS_EXPANSION_ALLOWANCE + written)
                        + " nodes; refusing a possible alias bomb");
            }
        }

        private JsonNode scalar(ScalarNode node) throws ManifestParseException {
            try {
                return GoYamlScalars.toJson(resolved(node));
            } catch (GoYamlScalars.ScalarException e) {
                throw error(node, e.getMessage());
            }
        }

        private Object resolved(ScalarNode node) throws GoYamlScalars.ScalarException {
            Tag tag = node.getTag();
            return GoYamlScalars.resolve(IMPLICIT.equals(tag) ? null : tag.getValue(), node.getValue());
        }

        private ArrayNode sequence(SequenceNode node, String path, int depth) throws ManifestParseException {
            ArrayNode arr = NODES.arrayNode();
            int i = 0;
            for (Node item : node.getValue()) {
                String child = FieldPath.index(path, i++);
                lines.put(child, line(item));
                arr.add(value(item, child, depth + 1));
            }
            return arr;
        }

        /** Sets the fields of {@code node} on {@code obj} in order, applying merge keys where they stand. */
        private void mapping(MappingNode node, ObjectNode obj, String path, int depth) throws ManifestParseException {
            Set<String> explicit = new HashSet<>();
            Map<String, Integer> firstLine = new HashMap<>();
            for (NodeTuple tuple : node.getValue()) {
                Node keyNode = tuple.getKeyNode();
                Node valueNode = tuple.getValueNode();
                if (isMerge(keyNode)) {
                    merge(valueNode, obj, path, depth);
                    continue;
                }
                String key = key(keyNode);
                if (!explicit.add(key)) {
                    throw error(keyNode, "duplicate key '" + key + "' (first at line " + firstLine.get(key)
                            + "); kubectl refuses the object");
                }
                firstLine.put(key, line(keyNode));
                String child = FieldPath.key(path, key);
                lines.put(child, line(keyNode));
                obj.set(key, value(valueNode, child, depth + 1));
            }
        }

        /** go-yaml v2 {@code merge}: a map, an alias to one, or a list of them (earlier maps win). */
        private void merge(Node value, ObjectNode obj, String path, int depth) throws ManifestParseException {
            count(value);
            if (depth + 1 > limits.maxDepth()) {
                throw error(value, "YAML nested deeper than " + limits.maxDepth() + " levels");
            }
            if (value instanceof MappingNode map) {
                mapping(map, obj, path, depth);
                return;
            }
            if (value instanceof SequenceNode seq) {
                List<Node> items = seq.getValue();
                for (Node item : items) {
                    if (!(item instanceof MappingNode)) {
                        throw error(item, "map merge requires map or sequence of maps as the value");
                    }
                }
                for (int i = items.size() - 1; i >= 0; i--) {
                    count(items.get(i));
                    mapping((MappingNode) items.get(i), obj, path, depth);
                }
                return;
            }
            throw error(value, "map merge requires map or sequence of maps as the value");
        }

        private boolean isMerge(Node key) {
            if (!(key instanceof ScalarNode scalar) || !scalar.getValue().equals("<<")) {
                return false;
            }
            return IMPLICIT.equals(key.getTag()) || Tag.MERGE.equals(key.getTag());
        }

        private String key(Node keyNode) throws ManifestParseException {
            if (!(keyNode instanceof ScalarNode scalar)) {
                throw error(keyNode, "a map key must be a scalar to be converted to JSON");
            }
            try {
                return GoYamlScalars.keyText(resolved(scalar));
            } catch (GoYamlScalars.ScalarException e) {
                throw error(keyNode, e.getMessage());
            }
        }

        private int line(Node node) {
            Mark mark = node.getStartMark();
            return mark == null ? 0 : mark.getLine() + 1;
        }

        private ManifestParseException error(Node node, String reason) {
            return new ManifestParseException(name, line(node), reason);
        }
    }
}
