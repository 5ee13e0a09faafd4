package dev.guardrails.scanner.rules.podsecurity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.rule.KubeVersion;
import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeLinuxOptionsRuleTest {

    private final SeLinuxOptionsRule rule = new SeLinuxOptionsRule();

    @Test
    void fixtures() {
        RuleFixtures.verify(rule);
    }

    @ParameterizedTest(name = "{0}: pod {1}, init {2} at {3} -> [{4}]")
    @CsvSource(delimiter = '|', emptyValue = "", value = {
            "Deployment | {seLinuxOptions: {level: 's0:c1,c2'}}      |                                          | 1.34 | ''",
            "Deployment | {seLinuxOptions: {type: container_t}}      | {seLinuxOptions: {type: container_init_t}} | 1.34 | ''",
            "CronJob    | {seLinuxOptions: {type: spc_t}}            |                                          | 1.34 | pod",
            "CronJob    |                                            | {seLinuxOptions: {type: unconfined_t}}   | 1.34 | init",
            "Pod        | {seLinuxOptions: {user: system_u}}         | {seLinuxOptions: {role: sysadm_r}}       | 1.34 | init pod",
            // container_engine_t joined the allowed types in 1.31
            "Pod        | {seLinuxOptions: {type: container_engine_t}} |                                        | 1.30 | pod",
            "Pod        | {seLinuxOptions: {type: container_engine_t}} |                                        | 1.31 | ''",
    })
    void typesUsersAndRoles(String kind, String pod, String init, String version, String expected) {
        String yaml = PodCases.workload(kind, "", pod, init, "", "");
        assertThat(PodCases.run(rule, yaml, KubeVersion.parse(version))).isEqualTo(expected);
    }
}
