package dev.guardrails.scanner.rules.pods;

import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;

class SshPortRuleTest {

    @Test
    void fixtures() {
        RuleFixtures.verify(new SshPortRule());
    }
}
