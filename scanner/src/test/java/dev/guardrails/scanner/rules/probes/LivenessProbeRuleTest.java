package dev.guardrails.scanner.rules.probes;

import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;

class LivenessProbeRuleTest {

    @Test
    void fixtures() {
        RuleFixtures.verify(new LivenessProbeRule());
    }
}
