package dev.guardrails.scanner.rules.hardening;

import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;

class RuntimeSocketMountRuleTest {

    @Test
    void fixtures() {
        RuleFixtures.verify(new RuntimeSocketMountRule());
    }
}
