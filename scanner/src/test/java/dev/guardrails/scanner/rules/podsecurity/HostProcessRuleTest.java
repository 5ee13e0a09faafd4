package dev.guardrails.scanner.rules.podsecurity;

import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;

class HostProcessRuleTest {

    @Test
    void fixtures() {
        RuleFixtures.verify(new HostProcessRule());
    }
}
