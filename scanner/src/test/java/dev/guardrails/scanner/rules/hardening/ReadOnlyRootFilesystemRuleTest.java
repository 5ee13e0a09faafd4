package dev.guardrails.scanner.rules.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.rule.RuleFixtures;
import dev.guardrails.scanner.rules.podsecurity.PodCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReadOnlyRootFilesystemRuleTest {

    private final ReadOnlyRootFilesystemRule rule = new ReadOnlyRootFilesystemRule();

    @Test
    void fixtures() {
        RuleFixtures.verify(rule);
    }

    @ParameterizedTest(name = "{0}: extra {1}, init {2}, app {3} -> [{4}]")
    @CsvSource(delimiter = '|', emptyValue = "", value = {
            "CronJob    |                     | {readOnlyRootFilesystem: true} | {readOnlyRootFilesystem: true}  | ''",
            "CronJob    |                     |                                | {readOnlyRootFilesystem: true}  | init",
            "Pod        |                     | {readOnlyRootFilesystem: true} | {readOnlyRootFilesystem: false} | app",
            // the pod-level security context has no such field to inherit
            "Deployment | securityContext: {runAsNonRoot: true} | {readOnlyRootFilesystem: true} |          | app",
            // Windows containers cannot have a read-only root filesystem
            "Deployment | os: {name: windows} |                                |                                 | ''",
    })
    void everyContainer(String kind, String extra, String init, String app, String expected) {
        assertThat(PodCases.run(rule, PodCases.workload(kind, extra, "", init, app, ""))).isEqualTo(expected);
    }
}
