package dev.guardrails.scanner.rules.jobs;

import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;

class CronJobDeadlineRuleTest {

    @Test
    void fixtures() {
        RuleFixtures.verify(new CronJobDeadlineRule());
    }
}
