package dev.guardrails.scanner.rules.pods;

import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;

class ProbeHostRuleTest {

    @Test
    void fixtures() {
        RuleFixtures.verify(new ProbeHostRule());
    }
}
