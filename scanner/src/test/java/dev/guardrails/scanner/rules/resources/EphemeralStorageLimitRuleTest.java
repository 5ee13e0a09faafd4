package dev.guardrails.scanner.rules.resources;

import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;

class EphemeralStorageLimitRuleTest {

    @Test
    void fixtures() {
        RuleFixtures.verify(new EphemeralStorageLimitRule());
    }
}
