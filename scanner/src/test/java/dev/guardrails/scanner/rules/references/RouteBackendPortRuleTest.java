package dev.guardrails.scanner.rules.references;

import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;

class RouteBackendPortRuleTest {

    @Test
    void fixtures() {
        RuleFixtures.verify(new RouteBackendPortRule());
    }
}
