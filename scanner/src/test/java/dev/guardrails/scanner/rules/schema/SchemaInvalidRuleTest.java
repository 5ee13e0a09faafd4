package dev.guardrails.scanner.rules.schema;

import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;

class SchemaInvalidRuleTest {

    @Test
    void fixtures() {
        RuleFixtures.verify(new SchemaInvalidRule());
    }
}
