package dev.guardrails.scanner.fix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One change to a rendered object, JSON-patch-like: {@link Op#SET} puts {@code value} at
 * {@code path} (creating missing parents), {@link Op#APPEND} makes the list at {@code path}
 * contain every item of the array {@code value} (creating the list when it is absent).
 *
 * @param path  a {@link dev.guardrails.scanner.model.FieldPath} into the rendered object
 * @param op    what to do
 * @param value the scalar or subtree to set, or the array of items to append
 */
public record Edit(String path, Op op, JsonNode value) {

    /** The two operations every source writer knows how to express. */
    public enum Op { SET, APPEND }

    public Edit {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(value, "value");
        if (op == Op.APPEND && !value.isArray()) {
            throw new IllegalArgumentException("APPEND takes an array of items: " + path);
        }
    }

    public static Edit set(String path, JsonNode value) {
        return new Edit(path, Op.SET, value);
    }

    public static Edit append(String path, JsonNode items) {
        return new Edit(path, Op.APPEND, items);
    }

    /** The same edit at another path (a rendered path translated into a source document's). */
    public Edit at(String newPath) {
        return new Edit(newPath, op, value);
    }

    @Override
    public String toString() {
        return (op == Op.SET ? "set " : "append to ") + path + " " + value;
    }
}
