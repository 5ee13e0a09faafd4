package dev.guardrails.scanner.rules.resources;

import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;

class EphemeralStorageRequestRuleTest {

    @Test
    void fixtures() {
        RuleFixtures.verify(new EphemeralStorageRequestRule());
    }
}
