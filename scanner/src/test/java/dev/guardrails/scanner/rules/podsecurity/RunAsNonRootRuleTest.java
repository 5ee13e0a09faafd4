package dev.guardrails.scanner.rules.podsecurity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.rule.KubeVersion;
import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunAsNonRootRuleTest {

    private final RunAsNonRootRule rule = new RunAsNonRootRule();

    @Test
    void fixtures() {
        RuleFixtures.verify(rule);
    }

    @ParameterizedTest(name = "{0}: pod {1}, init {2}, app {3}, debug {4} -> [{5}]")
    @CsvSource(delimiter = '|', emptyValue = "", value = {
            // pod-level true covers every container that leaves it unset
            "Deployment | {runAsNonRoot: true}  |                       |                       |                        | ''",
            "CronJob    | {runAsNonRoot: true}  |                       |                       |                        | ''",
            // no pod level: each container must opt in, init containers included
            "Deployment |                       | {runAsNonRoot: true}  | {runAsNonRoot: true}  |                        | ''",
            "CronJob    |                       |                       | {runAsNonRoot: true}  |                        | init",
            "Pod        |                       |                       |                       |                        | app init",
            // an explicit false on the container beats the pod's true
            "Pod        | {runAsNonRoot: true}  |                       | {runAsNonRoot: false} |                        | app",
            // a pod-level false is reported once, even where containers override it
            "Deployment | {runAsNonRoot: false} |                       |                       |                        | pod",
            "Deployment | {runAsNonRoot: false} | {runAsNonRoot: true}  | {runAsNonRoot: true}  |                        | pod",
            // ephemeral containers are checked too
            "Pod        |                       | {runAsNonRoot: true}  | {runAsNonRoot: true}  | {privileged: false}    | debug",
            "Pod        | {runAsNonRoot: true}  |                       |                       | {privileged: false}    | ''",
            // YAML 1.1 booleans, as kubectl reads them
            "Deployment | {runAsNonRoot: yes}   |                       |                       |                        | ''",
    })
    void podLevelFallback(String kind, String pod, String init, String app, String debug, String expected) {
        String yaml = PodCases.workload(kind, "", pod, init, app, debug);
        assertThat(PodCases.run(rule, yaml)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "hostUsers: false at {0} -> [{1}]")
    @CsvSource({"1.34, app init", "1.35, ''"})
    void userNamespacePodsAreExemptFrom135(String version, String expected) {
        String yaml = PodCases.workload("Deployment", "hostUsers: false", "", "", "", "");
        assertThat(PodCases.run(rule, yaml, KubeVersion.parse(version))).isEqualTo(expected);
    }
}
