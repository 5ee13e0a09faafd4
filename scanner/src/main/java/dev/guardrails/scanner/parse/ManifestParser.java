package dev.guardrails.scanner.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.guardrails.scanner.model.FieldPath;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.SourceSpan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads a multi-document YAML (or JSON) stream into {@link ManifestObject}s, recording the line of
 * every field. Empty and {@code null} documents are skipped, {@code *List} kinds are flattened
 * into their items, and anything else that is not a mapping is refused, as Argo CD does.
 *
 * <p>Refuses, with the file and line: input over {@link ParseLimits#maxBytes()}, more aliases than
 * {@link ParseLimits#maxAliases()} (the "billion laughs" bomb needs many), nesting deeper than
 * {@link ParseLimits#maxDepth()}, and malformed YAML.
 */
public final class ManifestParser {

    private final ParseLimits limits;
    private final YAMLFactory factory;

    public ManifestParser() {
        this(ParseLimits.DEFAULT);
    }

    public ManifestParser(ParseLimits limits) {
        this.limits = limits;
        LoaderOptions loader = new LoaderOptions();
        loader.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxBytes()));
        loader.setMaxAliasesForCollections(limits.maxAliases());
        loader.setNestingDepthLimit(limits.maxDepth() + 1);
        loader.setAllowDuplicateKeys(false);
        this.factory = YAMLFactory.builder()
                .loaderOptions(loader)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxDepth() + 1)
                        .maxStringLength((int) Math.min(Integer.MAX_VALUE, limits.maxBytes()))
                        .maxDocumentLength(limits.maxBytes())
                        .build())
                .build();
    }

    /** Parses a file; {@code displayName} is the repo-relative path used in locations. */
    public List<ManifestObject> parse(Path file, String displayName) throws ManifestParseException {
        try {
            long size = Files.size(file);
            if (size > limits.maxBytes()) {
                throw tooLarge(displayName, size);
            }
            return parse(Files.readString(file, StandardCharsets.UTF_8), displayName);
        } catch (IOException e) {
            throw new ManifestParseException(displayName, 0, "cannot read file: " + e.getMessage());
        }
    }

    /** Parses text; {@code displayName} names it in locations and errors. */
    public List<ManifestObject> parse(String text, String displayName) throws ManifestParseException {
        long bytes = (long) text.length(); // chars are a lower bound of UTF-8 bytes; exact count below
        if (bytes > limits.maxBytes() || (bytes = text.getBytes(StandardCharsets.UTF_8).length) > limits.maxBytes()) {
            throw tooLarge(displayName, bytes);
        }
        String trimmed = text.stripLeading();
        List<ManifestObject> out = new ArrayList<>();
        try (YAMLParser parser = (YAMLParser) factory.createParser(text)) {
            int document = 0;
            int aliases = 0;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (document >= limits.maxDocuments()) {
                    throw new ManifestParseException(displayName, line(parser),
                            "more than " + limits.maxDocuments() + " documents");
                }
                int startLine = line(parser);
                Builder builder = new Builder(parser, displayName, limits);
                JsonNode root = builder.value(token, "", 0);
                aliases += builder.aliases;
                if (aliases > limits.maxAliases()) {
                    throw new ManifestParseException(displayName, startLine,
                            "more than " + limits.maxAliases() + " YAML aliases; refusing a possible alias bomb");
                }
                int index = document++;
                if (root == null || root.isNull() || root.isMissingNode()
                        || (root.isTextual() && root.asText().isEmpty())) {
                    continue;
                }
                if (!root.isObject()) {
                    throw new ManifestParseException(displayName, startLine,
                            "document " + (index + 1) + " is a " + root.getNodeType().name().toLowerCase()
                                    + ", not a Kubernetes object");
                }
                add(out, (ObjectNode) root, new SourceSpan(displayName, startLine, index), builder.lines, "");
            }
        } catch (ManifestParseException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ManifestParseException(displayName, errorLine(e), describe(e, trimmed));
        }
        return out;
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

    private static ManifestParseException tooLarge(String name, long size) {
        return new ManifestParseException(name, 0,
                "input is " + size + " bytes, over the limit; refusing to parse it");
    }

    private static int line(JsonParser parser) {
        JsonLocation loc = parser.currentTokenLocation();
        return loc == null ? 0 : loc.getLineNr();
    }

    private static int errorLine(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.JacksonException je && je.getLocation() != null) {
                return je.getLocation().getLineNr();
            }
            if (t instanceof org.yaml.snakeyaml.error.MarkedYAMLException ye && ye.getProblemMark() != null) {
                return ye.getProblemMark().getLine() + 1;
            }
        }
        return 0;
    }

    private static String describe(Throwable e, String text) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String msg = t.getMessage();
            if (msg != null && msg.contains("aliases")) {
                return "too many YAML aliases; refusing a possible alias bomb";
            }
            if (msg != null && (msg.contains("nesting depth") || msg.contains("Nesting Depth"))) {
                return "YAML nested too deeply";
            }
            if (msg != null && msg.contains("code point")) {
                return "input over the size limit; refusing to parse it";
            }
        }
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // Jackson appends a source excerpt and location; keep the first line only.
        int nl = msg.indexOf('\n');
        return "malformed YAML: " + (nl > 0 ? msg.substring(0, nl) : msg).trim();
    }

    /** Builds a tree from tokens while recording the line of every field and array item. */
    private static final class Builder {
        private final YAMLParser parser;
        private final String name;
        private final ParseLimits limits;
        private final Map<String, Integer> lines = new HashMap<>();
        private int aliases;

        Builder(YAMLParser parser, String name, ParseLimits limits) {
            this.parser = parser;
            this.name = name;
            this.limits = limits;
        }

        JsonNode value(JsonToken token, String path, int depth) throws IOException, ManifestParseException {
            if (depth > limits.maxDepth()) {
                throw new ManifestParseException(name, line(parser),
                        "YAML nested deeper than " + limits.maxDepth() + " levels");
            }
            if (parser.isCurrentAlias()) {
                aliases++;
                if (aliases > limits.maxAliases()) {
                    throw new ManifestParseException(name, line(parser),
                            "more than " + limits.maxAliases() + " YAML aliases; refusing a possible alias bomb");
                }
            }
            JsonNodeFactory nodes = JsonNodeFactory.instance;
            switch (token) {
                case START_OBJECT: {
                    ObjectNode obj = nodes.objectNode();
                    JsonToken t;
                    while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
                        String key = parser.currentName();
                        String child = FieldPath.key(path, key);
                        lines.put(child, line(parser));
                        JsonToken vt = parser.nextToken();
                        if (obj.has(key)) {
                            throw new ManifestParseException(name, line(parser), "duplicate key '" + key + "'");
                        }
                        obj.set(key, value(vt, child, depth + 1));
                    }
                    return obj;
                }
                case START_ARRAY: {
                    ArrayNode arr = nodes.arrayNode();
                    JsonToken t;
                    int i = 0;
                    while ((t = parser.nextToken()) != JsonToken.END_ARRAY && t != null) {
                        String child = FieldPath.index(path, i++);
                        lines.put(child, line(parser));
                        arr.add(value(t, child, depth + 1));
                    }
                    return arr;
                }
                case VALUE_STRING:
                    return nodes.textNode(parser.getText());
                case VALUE_NUMBER_INT:
                    return bigOrLong(parser);
                case VALUE_NUMBER_FLOAT:
                    return nodes.numberNode(parser.getDecimalValue());
                case VALUE_TRUE:
                    return nodes.booleanNode(true);
                case VALUE_FALSE:
                    return nodes.booleanNode(false);
                case VALUE_NULL:
                    return nodes.nullNode();
                case VALUE_EMBEDDED_OBJECT:
                    Object embedded = parser.getEmbeddedObject();
                    return embedded instanceof byte[] bytes ? nodes.binaryNode(bytes) : nodes.textNode(String.valueOf(embedded));
                default:
                    throw new ManifestParseException(name, line(parser), "unexpected YAML token " + token);
            }
        }

        private static JsonNode bigOrLong(YAMLParser parser) throws IOException {
            JsonParser.NumberType type = parser.getNumberType();
            JsonNodeFactory nodes = JsonNodeFactory.instance;
            return switch (type) {
                case INT -> nodes.numberNode(parser.getIntValue());
                case LONG -> nodes.numberNode(parser.getLongValue());
                default -> nodes.numberNode(parser.getBigIntegerValue());
            };
        }
    }
}
