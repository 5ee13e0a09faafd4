package dev.guardrails.scanner.rules;

import dev.guardrails.scanner.rule.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in catalog, in documentation order. One explicit list (no classpath scanning, no
 * static registration): a test compares it to the rule classes on disk.
 */
public final class BuiltinRules {

    private BuiltinRules() {
    }

    public static List<Rule> all() {
        List<Rule> rules = new ArrayList<>();
        rules.addAll(SecurityRuleSet.rules());
        rules.addAll(OperationsRuleSet.rules());
        rules.addAll(RbacRuleSet.rules());
        rules.addAll(ReferenceRuleSet.rules());
        rules.addAll(HygieneRuleSet.rules());
        return List.copyOf(rules);
    }
}
