package dev.guardrails.scanner.rules.resources;

import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;

class MemoryLimitRuleTest {

    @Test
    void fixtures() {
        RuleFixtures.verify(new MemoryLimitRule());
    }
}
