package dev.guardrails.scanner.rules.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.rule.RuleFixtures;
import dev.guardrails.scanner.rules.podsecurity.PodCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WritableHostPathRuleTest {

    private final WritableHostPathRule rule = new WritableHostPathRule();

    @Test
    void fixtures() {
        RuleFixtures.verify(rule);
    }

    @ParameterizedTest(name = "{0} mounted with {1} -> [{2}]")
    @CsvSource(delimiter = '|', emptyValue = "", value = {
            "{name: v, hostPath: {path: /var/log}} | {name: v, mountPath: /logs}                 | volumeMounts[0].readOnly",
            "{name: v, hostPath: {path: /var/log}} | {name: v, mountPath: /logs, readOnly: true} | ''",
            "{name: v, hostPath: {path: /var/log}} | {name: v, mountPath: /logs, readOnly: yes}  | ''",
            "{name: v, hostPath: {path: /var/log}} | {name: other, mountPath: /logs}             | ''",
            "{name: v, emptyDir: {}}               | {name: v, mountPath: /logs}                 | ''",
    })
    void mountsOfHostPathVolumes(String volume, String mount, String expected) {
        String yaml = """
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: rotate
                spec:
                  schedule: "0 0 * * *"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: OnFailure
                          initContainers:
                            - name: prepare
                              image: registry.example.com/prepare:1.0.0
                              volumeMounts: [%2$s]
                          containers:
                            - name: rotate
                              image: registry.example.com/rotate:1.0.0
                          volumes: [%1$s, {name: other, emptyDir: {}}]
                """.formatted(volume, mount);
        String placed = PodCases.violations(rule, yaml, RuleFixtures.SETTINGS.kubeVersion()).stream()
                .map(p -> p.violation().path().replace("spec.jobTemplate.spec.template.spec.initContainers[0].", ""))
                .reduce("", (a, b) -> a.isEmpty() ? b : a + " " + b);
        assertThat(placed).isEqualTo(expected);
    }
}
