package dev.guardrails.scanner.rules.references;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.rules.availability.InlineRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The eviction arithmetic: minAvailable rounds up, maxUnavailable above zero always allows one. */
class PdbBlocksEvictionTableTest {

    @ParameterizedTest(name = "{0} replicas, {1}: {2} -> blocks={3}")
    @CsvSource({
            "3, minAvailable, 2, false",
            "3, minAvailable, 3, true",
            "3, minAvailable, 4, true",
            "1, minAvailable, 1, true",
            "3, minAvailable, '66%', false",
            "3, minAvailable, '67%', true",
            "10, minAvailable, '90%', false",
            "10, minAvailable, '91%', true",
            "3, maxUnavailable, '1%', false",
            "3, maxUnavailable, 0, true",
            "3, maxUnavailable, '0%', true",
            "3, minAvailable, 'abc', false",
    })
    void blocks(int replicas, String field, String value, boolean blocks) {
        String quoted = value.chars().allMatch(Character::isDigit) ? value : "\"" + value + "\"";
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: %d
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: web, image: registry.example.com/web:1}]}
                ---
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: web}
                spec:
                  %s: %s
                  selector: {matchLabels: {app: web}}
                """.formatted(replicas, field, quoted);
        assertThat(InlineRun.check(new PdbBlocksEvictionRule(), yaml)).hasSize(blocks ? 1 : 0);
    }
}
