package dev.guardrails.scanner.fix;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result of a fix run.
 *
 * @param outcomes one per fixable-rule finding, in scan order
 * @param diffs    repo file to its unified diff of what was written
 */
public record FixReport(List<FixOutcome> outcomes, Map<String, String> diffs) {

    public FixReport {
        outcomes = List.copyOf(outcomes);
        diffs = Collections.unmodifiableSortedMap(new TreeMap<>(diffs));
    }

    public long count(FixOutcome.Status status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }
}
