package dev.guardrails.scanner.rules.serviceaccounts;

import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;

class DeprecatedServiceAccountFieldRuleTest {

    @Test
    void fixtures() {
        RuleFixtures.verify(new DeprecatedServiceAccountFieldRule());
    }
}
