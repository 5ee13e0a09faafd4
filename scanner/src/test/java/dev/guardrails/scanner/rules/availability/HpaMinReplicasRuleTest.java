package dev.guardrails.scanner.rules.availability;

import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;

class HpaMinReplicasRuleTest {

    @Test
    void fixtures() {
        RuleFixtures.verify(new HpaMinReplicasRule());
    }
}
