package dev.guardrails.scanner.rules.podsecurity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrivilegeEscalationRuleTest {

    private final PrivilegeEscalationRule rule = new PrivilegeEscalationRule();

    @Test
    void fixtures() {
        RuleFixtures.verify(rule);
    }

    @ParameterizedTest(name = "{0}: extra {1}, init {2}, app {3}, debug {4} -> [{5}]")
    @CsvSource(delimiter = '|', emptyValue = "", value = {
            "Deployment |                     | {allowPrivilegeEscalation: false} | {allowPrivilegeEscalation: false} |                                   | ''",
            "CronJob    |                     |                                   | {allowPrivilegeEscalation: false} |                                   | init",
            "Pod        |                     | {allowPrivilegeEscalation: false} | {allowPrivilegeEscalation: true}  |                                   | app",
            "Pod        |                     | {allowPrivilegeEscalation: false} | {allowPrivilegeEscalation: false} | {privileged: false}               | debug",
            // YAML 1.1 false, as kubectl reads it
            "Deployment |                     | {allowPrivilegeEscalation: no}    | {allowPrivilegeEscalation: off}   |                                   | ''",
            // there is no pod-level field to fall back on
            "Deployment | securityContext: {runAsNonRoot: true} | {allowPrivilegeEscalation: false} |                     |                                   | app",
            // Linux-only control: Windows pods are exempt
            "Deployment | os: {name: windows} |                                   |                                   |                                   | ''",
            "Deployment | os: {name: linux}   |                                   |                                   |                                   | app init",
    })
    void everyContainerMustOptOut(String kind, String extra, String init, String app, String debug, String expected) {
        assertThat(PodCases.run(rule, PodCases.workload(kind, extra, "", init, app, debug))).isEqualTo(expected);
    }
}
