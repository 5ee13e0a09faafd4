package dev.guardrails.scanner.rules.images;

import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;

class DeprecatedRegistryRuleTest {

    @Test
    void fixtures() {
        RuleFixtures.verify(new DeprecatedRegistryRule());
    }
}
