package dev.guardrails.scanner.rules.serviceaccounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.rule.RuleFixtures;
import dev.guardrails.scanner.rules.podsecurity.PodCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DefaultServiceAccountRuleTest {

    private final DefaultServiceAccountRule rule = new DefaultServiceAccountRule();

    @Test
    void fixtures() {
        RuleFixtures.verify(rule);
    }

    @ParameterizedTest(name = "{0}: {1} -> flagged {2}")
    @CsvSource(delimiter = '|', value = {
            "CronJob    | serviceAccountName: sync                             | false",
            "CronJob    | serviceAccountName: default                          | true",
            "Deployment | hostNetwork: false                                   | true",
            "Pod        | serviceAccountName: ''                               | true",
            // the API server copies the deprecated field when serviceAccountName is empty
            "Pod        | serviceAccount: sync                                 | false",
            "Deployment | serviceAccount: default                              | true",
    })
    void effectiveAccountName(String kind, String extra, boolean flagged) {
        String yaml = PodCases.workload(kind, extra, "", "", "", "");
        assertThat(PodCases.run(rule, yaml)).isEqualTo(flagged ? "serviceAccountName" : "");
    }
}
