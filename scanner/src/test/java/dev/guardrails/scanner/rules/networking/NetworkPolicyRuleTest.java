package dev.guardrails.scanner.rules.networking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.rule.RuleFixtures;
import dev.guardrails.scanner.rules.availability.InlineRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetworkPolicyRuleTest {

    @Test
    void fixtures() {
        RuleFixtures.verify(new NetworkPolicyRule());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{podSelector: {}}                                            | 0",
            "{podSelector: {}, policyTypes: [Ingress]}                    | 0",
            "{podSelector: {}, policyTypes: [Egress, Ingress]}            | 0",
            "{podSelector: {}, ingress: [{}]}                             | 0",
            "{podSelector: {}, policyTypes: [Egress]}                     | 1",
            "{podSelector: {matchLabels: {app: web}}}                     | 1",
            "{podSelector: {matchExpressions: [{key: a, operator: Exists}]}} | 1",
            "{policyTypes: [Ingress]}                                     | 0",
            "{podSelector: {matchLabels: {}}, policyTypes: [Ingress]}     | 0"})
    void needsANamespaceWideIngressPolicy(String spec, int expected) {
        String yaml = """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: p}
                spec: %s
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: a}
                spec:
                  containers: [{name: a, image: a:1}]
                """.formatted(spec);
        assertThat(InlineRun.check(new NetworkPolicyRule(), yaml)).hasSize(expected);
    }
}
