package dev.guardrails.scanner.rules.jobs;

import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;

class CronJobConcurrencyRuleTest {

    @Test
    void fixtures() {
        RuleFixtures.verify(new CronJobConcurrencyRule());
    }
}
