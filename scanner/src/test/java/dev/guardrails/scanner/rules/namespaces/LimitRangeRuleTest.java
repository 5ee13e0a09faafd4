package dev.guardrails.scanner.rules.namespaces;

import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;

class LimitRangeRuleTest {

    @Test
    void fixtures() {
        RuleFixtures.verify(new LimitRangeRule());
    }
}
