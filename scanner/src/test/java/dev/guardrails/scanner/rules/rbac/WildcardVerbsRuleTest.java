package dev.guardrails.scanner.rules.rbac;

import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;

class WildcardVerbsRuleTest {

    @Test
    void fixtures() {
        RuleFixtures.verify(new WildcardVerbsRule());
    }
}
