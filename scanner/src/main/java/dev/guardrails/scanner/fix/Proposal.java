package dev.guardrails.scanner.fix;

import java.util.List;

/**
 * A fixer's answer for one finding: edits on the rendered object, or the reason it is not
 * mechanical here (reported as "not auto-fixable").
 */
public record Proposal(List<Edit> edits, String reason) {

    public Proposal {
        edits = List.copyOf(edits);
    }

    public static Proposal of(Edit... edits) {
        return new Proposal(List.of(edits), null);
    }

    public static Proposal of(List<Edit> edits) {
        return new Proposal(edits, null);
    }

    public static Proposal none(String reason) {
        return new Proposal(List.of(), reason);
    }

    public boolean fixable() {
        return !edits.isEmpty();
    }
}
