package dev.guardrails.scanner.model;

/**
 * Where an object (or one of its fields) comes from: a repo-relative file with forward slashes,
 * a 1-based line (0 when unknown, e.g. for objects produced by a template engine) and the
 * 0-based index of the YAML document in that file or render stream.
 */
public record SourceSpan(String file, int line, int document) {

    public SourceSpan {
        file = file == null ? "" : file.replace('\\', '/');
    }

    public SourceSpan withLine(int newLine) {
        return new SourceSpan(file, newLine, document);
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
