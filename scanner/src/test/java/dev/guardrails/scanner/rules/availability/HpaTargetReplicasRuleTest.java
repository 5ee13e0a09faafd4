package dev.guardrails.scanner.rules.availability;

import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;

class HpaTargetReplicasRuleTest {

    @Test
    void fixtures() {
        RuleFixtures.verify(new HpaTargetReplicasRule());
    }
}
