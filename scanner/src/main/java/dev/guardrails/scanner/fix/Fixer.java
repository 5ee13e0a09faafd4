package dev.guardrails.scanner.fix;

import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.ManifestObject;

/**
 * The corrective side of one rule: the edits on the rendered object that clear a finding of it.
 * Implementations are stateless; where the right value is the platform's choice (a CPU request,
 * a probe, a label value) it comes from {@code fixes:} in {@code .guardrails.yaml}, never a guess.
 */
public interface Fixer {

    /** The rule whose findings this fixes. */
    String ruleId();

    /** What the fix writes, one sentence for `guardrails rules` and docs/rules.md. */
    String describe();

    /** The edits for one finding in {@code object}, or why there are none here. */
    Proposal propose(ManifestObject object, Finding finding, FixContext context);
}
