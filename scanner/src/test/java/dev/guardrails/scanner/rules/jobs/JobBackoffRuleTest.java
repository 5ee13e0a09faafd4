package dev.guardrails.scanner.rules.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.rule.RuleFixtures;
import dev.guardrails.scanner.rules.availability.InlineRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobBackoffRuleTest {

    @Test
    void fixtures() {
        RuleFixtures.verify(new JobBackoffRule());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "backoffLimit: 0                      | 0",
            "backoffLimit: 10                     | 0",
            "backoffLimit: 11                     | 1",
            "backoffLimit: null                   | 1",
            "completions: 3                       | 1",
            "backoffLimitPerIndex: 1              | 0"})
    void boundsRetries(String field, int expected) {
        String job = "{apiVersion: batch/v1, kind: Job, metadata: {name: j}, spec: {%s}}".formatted(field);
        String cron = "{apiVersion: batch/v1, kind: CronJob, metadata: {name: c}, spec: {jobTemplate: {spec: {%s}}}}"
                .formatted(field);
        assertThat(InlineRun.paths(new JobBackoffRule(), job)).hasSize(expected).allMatch("spec.backoffLimit"::equals);
        assertThat(InlineRun.paths(new JobBackoffRule(), cron)).hasSize(expected)
                .allMatch("spec.jobTemplate.spec.backoffLimit"::equals);
    }
}
