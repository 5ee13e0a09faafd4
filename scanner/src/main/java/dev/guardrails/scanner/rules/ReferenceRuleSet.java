package dev.guardrails.scanner.rules;

import dev.guardrails.scanner.rule.Rule;
import java.util.List;

/** References inside the rendered app: selectors, backends and mounted objects that must exist. */
final class ReferenceRuleSet {

    private ReferenceRuleSet() {
    }

    static List<Rule> rules() {
        return List.of();
    }
}
