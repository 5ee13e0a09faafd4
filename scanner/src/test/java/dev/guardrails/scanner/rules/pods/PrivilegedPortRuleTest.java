package dev.guardrails.scanner.rules.pods;

import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;

class PrivilegedPortRuleTest {

    @Test
    void fixtures() {
        RuleFixtures.verify(new PrivilegedPortRule());
    }
}
