package dev.guardrails.scanner.fix;

import dev.guardrails.scanner.model.Finding;

/**
 * What {@code guardrails fix} did about one finding.
 *
 * @param finding the finding as the scan before the fix reported it
 * @param status  fixed, refused (written, re-rendered, rolled back) or not auto-fixable
 * @param detail  where the fix was written, or why it was refused or is not mechanical
 */
public record FixOutcome(Finding finding, Status status, String detail) {

    public enum Status {
        FIXED, REFUSED, NOT_FIXABLE;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
