package dev.guardrails.scanner.rules;

import dev.guardrails.scanner.rule.Rule;
import java.util.List;

/** Pod Security Standards, hardening beyond them, and service-account rules. */
final class SecurityRuleSet {

    private SecurityRuleSet() {
    }

    static List<Rule> rules() {
        return List.of();
    }
}
