package dev.guardrails.scanner.fix;

import java.util.List;

/**
 * One way to write a fix into the source, e.g. "in overlays/prod/deployment.yaml" or "as a patch
 * in overlays/prod"; the runner keeps the first whose re-render clears the findings.
 */
public record Alternative(String where, List<SourceChange> changes) {

    public Alternative {
        changes = List.copyOf(changes);
    }
}
