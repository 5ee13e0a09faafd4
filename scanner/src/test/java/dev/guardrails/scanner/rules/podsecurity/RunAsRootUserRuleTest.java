package dev.guardrails.scanner.rules.podsecurity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.rule.KubeVersion;
import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunAsRootUserRuleTest {

    private final RunAsRootUserRule rule = new RunAsRootUserRule();

    @Test
    void fixtures() {
        RuleFixtures.verify(rule);
    }

    @ParameterizedTest(name = "{0}: pod {1}, init {2}, app {3} -> [{4}]")
    @CsvSource(delimiter = '|', emptyValue = "", value = {
            "Deployment | {runAsUser: 0}     |                    |                    | pod",
            // the pod-level 0 is still set even when every container overrides it
            "Deployment | {runAsUser: 0}     | {runAsUser: 1000}  | {runAsUser: 1000}  | pod",
            "CronJob    |                    | {runAsUser: 0}     |                    | init",
            "Pod        | {runAsUser: 1000}  |                    | {runAsUser: 0}     | app",
            "Pod        | {runAsUser: 1000}  |                    |                    | ''",
            // unset is allowed: run-as-non-root covers images that default to root
            "CronJob    |                    |                    |                    | ''",
    })
    void explicitRootAtEitherLevel(String kind, String pod, String init, String app, String expected) {
        assertThat(PodCases.run(rule, PodCases.workload(kind, "", pod, init, app, ""))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "hostUsers: false at {0} -> [{1}]")
    @CsvSource({"1.34, app", "1.35, ''"})
    void userNamespacePodsAreExemptFrom135(String version, String expected) {
        String yaml = PodCases.workload("Pod", "hostUsers: false", "", "", "{runAsUser: 0}", "");
        assertThat(PodCases.run(rule, yaml, KubeVersion.parse(version))).isEqualTo(expected);
    }
}
