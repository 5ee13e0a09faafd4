package dev.guardrails.scanner.rules;

import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rules.images.LatestTagRule;
import java.util.List;

/** Resources, probes, images, availability, networking, namespaces, secrets, APIs, jobs, metadata. */
final class OperationsRuleSet {

    private OperationsRuleSet() {
    }

    static List<Rule> rules() {
        return List.of(
                new LatestTagRule());
    }
}
