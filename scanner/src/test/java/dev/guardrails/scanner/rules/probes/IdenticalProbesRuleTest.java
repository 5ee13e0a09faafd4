package dev.guardrails.scanner.rules.probes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.rule.RuleFixtures;
import dev.guardrails.scanner.rules.availability.InlineRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdenticalProbesRuleTest {

    @Test
    void fixtures() {
        RuleFixtures.verify(new IdenticalProbesRule());
    }

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "{httpGet: {path: /h, port: 80}}                  | {httpGet: {port: 80, path: /h}}                  | 1",
            "{httpGet: {path: /h, port: 80}}                  | {httpGet: {path: /h, port: 80}, periodSeconds: 5} | 0",
            "{httpGet: {path: /h, port: 80}}                  | {httpGet: {path: /h, port: 81}}                  | 0",
            "{exec: {command: [a, b]}}                        | {exec: {command: [b, a]}}                        | 0",
            "{exec: {command: [a, b]}}                        | {exec: {command: [a, b]}}                        | 1",
            "{}                                               | {}                                               | 0",
            "null                                             | null                                             | 0",
    })
    void comparesWholeProbes(String readiness, String liveness, int expected) {
        String yaml = """
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers:
                    - name: app
                      image: app:1
                      readinessProbe: %s
                      livenessProbe: %s
                """.formatted(readiness, liveness);
        assertThat(InlineRun.check(new IdenticalProbesRule(), yaml)).hasSize(expected);
    }
}
