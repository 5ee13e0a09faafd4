package dev.guardrails.scanner.fix;

import dev.guardrails.scanner.model.Finding;
import java.util.List;

/**
 * What {@code guardrails fix} did about one finding.
 *
 * @param finding the finding as the scan before the fix reported it
 * @param status  fixed, refused (written, re-rendered, rolled back) or not auto-fixable
 * @param detail  where the fix was written, or why it was refused or is not mechanical
 * @param changes for a fixed finding, the source changes that fixed it (with the other findings'
 *                fixes of its app, as verified); empty otherwise. Applied to the files as they
 *                were before the run, they give the fix alone (e.g. a PR suggestion).
 */
public record FixOutcome(Finding finding, Status status, String detail, List<SourceChange> changes) {

    public FixOutcome {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    public FixOutcome(Finding finding, Status status, String detail) {
        this(finding, status, detail, List.of());
    }

    public enum Status {
        FIXED, REFUSED, NOT_FIXABLE;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
