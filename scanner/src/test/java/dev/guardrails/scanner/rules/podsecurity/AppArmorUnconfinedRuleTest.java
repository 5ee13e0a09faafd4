package dev.guardrails.scanner.rules.podsecurity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppArmorUnconfinedRuleTest {

    private final AppArmorUnconfinedRule rule = new AppArmorUnconfinedRule();

    @Test
    void fixtures() {
        RuleFixtures.verify(rule);
    }

    @ParameterizedTest(name = "annotation value ''{0}'' -> flagged {1}")
    @CsvSource({
            "runtime/default, false",
            "localhost/k8s-nginx, false",
            "'', false",
            "unconfined, true",
            // anything but the documented values is refused by Pod Security Admission
            "docker-default, true",
    })
    void legacyAnnotation(String value, boolean flagged) {
        String yaml = """
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: sync
                spec:
                  schedule: "0 * * * *"
                  jobTemplate:
                    spec:
                      template:
                        metadata:
                          annotations:
                            container.apparmor.security.beta.kubernetes.io/sync: "%s"
                            example.com/unrelated: unconfined
                        spec:
                          restartPolicy: OnFailure
                          containers:
                            - name: sync
                              image: registry.example.com/sync:1.0.0
                """.formatted(value);
        assertThat(PodCases.run(rule, yaml)).isEqualTo(flagged ? "meta" : "");
    }

    @ParameterizedTest(name = "pod {0}, app {1} -> [{2}]")
    @CsvSource(delimiter = '|', emptyValue = "", value = {
            "{appArmorProfile: {type: RuntimeDefault}} | {appArmorProfile: {type: Unconfined}} | app",
            "{appArmorProfile: {type: Unconfined}}     | {appArmorProfile: {type: RuntimeDefault}} | pod",
            "{appArmorProfile: {type: Localhost, localhostProfile: p}} |                      | ''",
    })
    void profileFields(String pod, String app, String expected) {
        assertThat(PodCases.run(rule, PodCases.workload("Deployment", "", pod, "", app, ""))).isEqualTo(expected);
    }
}
