package dev.guardrails.scanner.rules.podsecurity;

import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;

class SeccompUnconfinedRuleTest {

    @Test
    void fixtures() {
        RuleFixtures.verify(new SeccompUnconfinedRule());
    }
}
