package dev.guardrails.scanner.fix;

import dev.guardrails.scanner.rule.RuleSettings;
import java.util.Map;

/**
 * What fixers may draw on besides the object.
 *
 * @param defaults     the policy's {@code fixes:} values
 * @param settings     the policy's rule settings (required label keys)
 * @param knownDigests image references (without digest) mapped to the {@code @sha256:} digest the
 *                     repo already pins them by elsewhere
 */
public record FixContext(FixDefaults defaults, RuleSettings settings, Map<String, String> knownDigests) {

    public FixContext {
        knownDigests = Map.copyOf(knownDigests);
    }
}
