package dev.guardrails.plugin.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import java.io.IOException;
import java.util.Optional;

/**
 * A delivery's JSON tree, read only through dotted paths that name themselves in errors, so the
 * event records are built by hand at the edge and a missing field becomes a precise 400.
 */
final class Payload {

    private static final ObjectReader READER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .reader();

    private final JsonNode root;

    private Payload(JsonNode root) {
        this.root = root;
    }

    static Payload parse(byte[] body) throws PayloadException {
        return parse(body, body == null ? 0 : body.length);
    }

    /** Parses {@code body[0, length)}. */
    static Payload parse(byte[] body, int length) throws PayloadException {
        if (body == null || length == 0) {
            throw new PayloadException("empty body: expected a JSON object");
        }
        JsonNode root;
        try {
            root = READER.readTree(body, 0, length);
        } catch (JsonProcessingException e) {
            throw new PayloadException("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new PayloadException("unreadable body: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new PayloadException("expected a JSON object");
        }
        return new Payload(root);
    }

    boolean has(String path) {
        JsonNode node = node(path);
        return node != null && !node.isNull();
    }

    String text(String path) throws PayloadException {
        return optText(path).orElseThrow(() -> new PayloadException("missing field " + path));
    }

    Optional<String> optText(String path) throws PayloadException {
        JsonNode node = node(path);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isValueNode()) {
            throw new PayloadException("field " + path + " must be a string");
        }
        return Optional.of(node.asText());
    }

    long number(String path) throws PayloadException {
        return optNumber(path).orElseThrow(() -> new PayloadException("missing field " + path));
    }

    Optional<Long> optNumber(String path) throws PayloadException {
        JsonNode node = node(path);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.canConvertToLong() || !node.isIntegralNumber()) {
            throw new PayloadException("field " + path + " must be an integer");
        }
        return Optional.of(node.asLong());
    }

    int intNumber(String path) throws PayloadException {
        long value = number(path);
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw new PayloadException("field " + path + " is out of range: " + value);
        }
        return (int) value;
    }

    /** A boolean that defaults to false when absent or null. */
    boolean flag(String path) throws PayloadException {
        JsonNode node = node(path);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new PayloadException("field " + path + " must be a boolean");
        }
        return node.asBoolean();
    }

    /**
     * A string field read leniently, for deciding whether a delivery is wanted at all before it is
     * validated: empty when absent or not a plain value.
     */
    String peek(String path) {
        JsonNode node = node(path);
        return node != null && node.isValueNode() && !node.isNull() ? node.asText() : "";
    }

    /** Dotted path; a numeric part indexes an array ({@code pull_requests.0.number}). */
    private JsonNode node(String path) {
        JsonNode node = root;
        for (String part : path.split("\\.")) {
            node = node.isArray() && part.chars().allMatch(Character::isDigit) && part.length() < 9
                    ? node.get(Integer.parseInt(part)) : node.get(part);
            if (node == null) {
                return null;
            }
        }
        return node;
    }
}
