package dev.guardrails.scanner.rules.namespaces;

import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;

class ResourceQuotaRuleTest {

    @Test
    void fixtures() {
        RuleFixtures.verify(new ResourceQuotaRule());
    }
}
