package dev.guardrails.scanner.rules.serviceaccounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.rule.RuleFixtures;
import dev.guardrails.scanner.rules.podsecurity.PodCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceAccountTokenAutomountRuleTest {

    private final ServiceAccountTokenAutomountRule rule = new ServiceAccountTokenAutomountRule();

    @Test
    void fixtures() {
        RuleFixtures.verify(rule);
    }

    @ParameterizedTest(name = "pod {0}, account {1} in {2} with {3} -> flagged {4}")
    @CsvSource(delimiter = '|', emptyValue = "", value = {
            // the pod's own setting wins over the ServiceAccount's
            "automountServiceAccountToken: false                    | worker  | jobs  | true  | false",
            // an explicit true is an API client's deliberate choice, even when the account disables it
            "automountServiceAccountToken: true                     | worker  | jobs  | false | false",
            // unset on the pod: the ServiceAccount in the same namespace decides
            "serviceAccountName: worker                             | worker  | jobs  | false | false",
            "serviceAccountName: worker                             | worker  | jobs  | true  | true",
            "serviceAccountName: worker                             | worker  | jobs  |       | true",
            // a ServiceAccount of the same name in another namespace does not count
            "serviceAccountName: worker                             | worker  | other | false | true",
            // no serviceAccountName means 'default'
            "restartPolicy: OnFailure                               | default | jobs  | false | false",
            // the deprecated serviceAccount field still names the account
            "serviceAccount: worker                                 | worker  | jobs  | false | false",
            "serviceAccountName: worker                             | builder | jobs  | false | true",
    })
    void podOverridesServiceAccount(String podField, String account, String accountNamespace, String automount,
                                    boolean flagged) {
        String setting = automount == null || automount.isBlank() ? "" : "automountServiceAccountToken: " + automount;
        String yaml = """
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: %s
                  namespace: %s
                %s
                ---
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: sync
                  namespace: jobs
                spec:
                  schedule: "0 * * * *"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          %s
                          containers:
                            - name: sync
                              image: registry.example.com/sync:1.0.0
                """.formatted(account, accountNamespace, setting, podField.strip());
        assertThat(PodCases.run(rule, yaml)).isEqualTo(flagged ? "automountServiceAccountToken" : "");
    }

    @Test
    void objectsWithoutNamespaceLandInTheBundleDefault() {
        String yaml = """
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: api
                automountServiceAccountToken: false
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: api
                  namespace: default
                spec:
                  serviceAccountName: api
                  containers:
                    - name: api
                      image: registry.example.com/api:1.0.0
                """;
        assertThat(PodCases.run(rule, yaml)).isEmpty();
    }
}
