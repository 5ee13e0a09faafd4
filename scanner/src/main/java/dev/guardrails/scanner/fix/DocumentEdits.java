package dev.guardrails.scanner.fix;

import java.util.List;

/** Edits written into one document of a YAML file by {@link YamlSourceEditor}. */
public record DocumentEdits(String file, YamlSourceEditor.DocumentSelector document, List<Edit> edits)
        implements SourceChange {

    public DocumentEdits {
        edits = List.copyOf(edits);
    }

    @Override
    public String apply(String current) throws FixException {
        return YamlSourceEditor.apply(current, document, edits);
    }
}
