package dev.guardrails.scanner.rules.jobs;

import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;

class JobDeadlineRuleTest {

    @Test
    void fixtures() {
        RuleFixtures.verify(new JobDeadlineRule());
    }
}
