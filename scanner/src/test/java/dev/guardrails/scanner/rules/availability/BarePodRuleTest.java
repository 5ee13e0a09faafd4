package dev.guardrails.scanner.rules.availability;

import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;

class BarePodRuleTest {

    @Test
    void fixtures() {
        RuleFixtures.verify(new BarePodRule());
    }
}
