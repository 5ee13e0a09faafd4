package dev.guardrails.scanner.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guardrails.scanner.model.FieldPath;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.SourceSpan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a multi-document YAML (or JSON) stream into {@link ManifestObject}s, recording the line of
 * every field. YAML is resolved as the cluster resolves it ({@link YamlReader}: aliases, merge keys,
 * go-yaml scalars). Empty and {@code null} documents are skipped, {@code *List} kinds are flattened
 * into their items, and anything else that is not a mapping is refused, as Argo CD does.
 *
 * <p>Refuses, with the file and line: input over {@link ParseLimits#maxBytes()}, alias bombs,
 * nesting deeper than {@link ParseLimits#maxDepth()}, malformed YAML, and duplicate keys. A
 * document-level error (a duplicate key) refuses that document only: {@link #parseDocuments}
 * returns the other documents' objects with it.
 */
public final class ManifestParser {

    private final YamlReader reader;

    public ManifestParser() {
        this(ParseLimits.DEFAULT);
    }

    public ManifestParser(ParseLimits limits) {
        this.reader = new YamlReader(limits);
    }

    /** The reader this parser resolves YAML with. */
    public YamlReader reader() {
        return reader;
    }

    /**
     * The objects of a stream and the errors of the documents that could not be read.
     *
     * @param objects every object of the readable documents, in stream order
     * @param errors  one per unreadable document (or one for the whole input)
     */
    public record Parsed(List<ManifestObject> objects, List<ManifestParseException> errors) {
    }

    /** Parses a file; {@code displayName} is the repo-relative path used in locations. */
    public List<ManifestObject> parse(Path file, String displayName) throws ManifestParseException {
        return parse(reader.read(file, displayName), displayName);
    }

    /** Parses text; the first unreadable document fails the whole input. */
    public List<ManifestObject> parse(String text, String displayName) throws ManifestParseException {
        Parsed parsed = parseDocuments(text, displayName);
        if (!parsed.errors().isEmpty()) {
            throw parsed.errors().get(0);
        }
        return parsed.objects();
    }

    /** Parses text, keeping every readable document when some are not. */
    public Parsed parseDocuments(String text, String displayName) {
        List<ManifestObject> out = new ArrayList<>();
        List<ManifestParseException> errors = new ArrayList<>();
        List<YamlReader.Document> documents;
        try {
            documents = reader.documents(text, displayName);
        } catch (ManifestParseException e) {
            return new Parsed(List.of(), List.of(e));
        }
        for (YamlReader.Document doc : documents) {
            if (doc.error() != null) {
                errors.add(doc.error());
                continue;
            }
            JsonNode root = doc.root();
            if (root.isMissingNode() || root.isNull() || (root.isTextual() && root.asText().isEmpty())) {
                continue;
            }
            if (!root.isObject()) {
                errors.add(new ManifestParseException(displayName, doc.line(),
                        "document " + (doc.index() + 1) + " is a " + root.getNodeType().name().toLowerCase()
                                + ", not a Kubernetes object"));
                continue;
            }
            add(out, (ObjectNode) root, new SourceSpan(displayName, doc.line(), doc.index()), doc.lines(), "");
        }
        return new Parsed(out, errors);
    }

    private static void add(List<ManifestObject> out, ObjectNode root, SourceSpan span,
                            Map<String, Integer> lines, String prefix) {
        String kind = root.path("kind").asText("");
        JsonNode items = root.path("items");
        if (kind.endsWith("List") && items.isArray()) {
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).isObject()) {
                    String itemPrefix = FieldPath.index(FieldPath.key(prefix, "items"), i);
                    Map<String, Integer> itemLines = new HashMap<>();
                    String start = itemPrefix + ".";
                    for (Map.Entry<String, Integer> e : lines.entrySet()) {
                        if (e.getKey().startsWith(start)) {
                            itemLines.put(e.getKey().substring(start.length()), e.getValue());
                        }
                    }
                    int itemLine = lines.getOrDefault(itemPrefix, span.line());
                    add(out, (ObjectNode) items.get(i), span.withLine(itemLine), itemLines, "");
                }
            }
            return;
        }
        out.add(new ManifestObject(root, span, lines));
    }
}
