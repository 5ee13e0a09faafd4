package dev.guardrails.scanner.rules.deprecations;

import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;

class RemovedApiRuleTest {

    @Test
    void fixtures() {
        RuleFixtures.verify(new RemovedApiRule());
    }
}
