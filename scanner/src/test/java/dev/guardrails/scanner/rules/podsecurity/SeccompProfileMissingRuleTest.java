package dev.guardrails.scanner.rules.podsecurity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeccompProfileMissingRuleTest {

    private final SeccompProfileMissingRule rule = new SeccompProfileMissingRule();

    @Test
    void fixtures() {
        RuleFixtures.verify(rule);
    }

    @ParameterizedTest(name = "{0}: extra {1}, pod {2}, init {3}, app {4} -> [{5}]")
    @CsvSource(delimiter = '|', emptyValue = "", value = {
            "Deployment |                   | {seccompProfile: {type: RuntimeDefault}} |                                          |                                          | ''",
            "CronJob    |                   | {seccompProfile: {type: Localhost, localhostProfile: p.json}} |                     |                                          | ''",
            "CronJob    |                   |                                          | {seccompProfile: {type: RuntimeDefault}} | {seccompProfile: {type: RuntimeDefault}} | ''",
            "Deployment |                   |                                          | {seccompProfile: {type: RuntimeDefault}} |                                          | app",
            "Pod        |                   | {runAsNonRoot: true}                     |                                          |                                          | app init",
            // inherited Unconfined points at the pod-level field
            "Deployment |                   | {seccompProfile: {type: Unconfined}}     |                                          |                                          | pod",
            // containers that override an Unconfined pod are fine
            "Deployment |                   | {seccompProfile: {type: Unconfined}}     | {seccompProfile: {type: RuntimeDefault}} | {seccompProfile: {type: Localhost, localhostProfile: p.json}} | ''",
            "Pod        |                   | {seccompProfile: {type: RuntimeDefault}} |                                          | {seccompProfile: {type: Unconfined}}     | app",
            // Linux-only control: Windows pods are exempt
            "Deployment | os: {name: windows} |                                        |                                          |                                          | ''",
    })
    void podLevelFallback(String kind, String extra, String pod, String init, String app, String expected) {
        assertThat(PodCases.run(rule, PodCases.workload(kind, extra, pod, init, app, ""))).isEqualTo(expected);
    }
}
