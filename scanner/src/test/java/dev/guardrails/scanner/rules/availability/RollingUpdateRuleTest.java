package dev.guardrails.scanner.rules.availability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RollingUpdateRuleTest {

    @Test
    void fixtures() {
        RuleFixtures.verify(new RollingUpdateRule());
    }

    @ParameterizedTest(name = "replicas {0}, surge {1}, unavailable {2} -> {3}")
    @CsvSource({
            "3, 25%, 25%, 0",
            "3, 1, 2, 0",
            "3, 1, 3, 1",
            "3, 1, 99%, 0",
            "4, 1, 100%, 1",
            "1, 1, 1, 1",
            "1, 1, 50%, 0",
            "3, 0, 0, 1",
            "3, 0%, 0%, 1",
            "3, 0, 10%, 0",
            "3, 1, 0, 0",
            "0, 1, 100%, 0"})
    void resolvesIntOrPercent(int replicas, String surge, String unavailable, int expected) {
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d}
                spec:
                  replicas: %d
                  strategy:
                    rollingUpdate: {maxSurge: %s, maxUnavailable: %s}
                  template:
                    spec:
                      containers: [{name: app, image: app:1}]
                """.formatted(replicas, quote(surge), quote(unavailable));
        assertThat(InlineRun.paths(new RollingUpdateRule(), yaml))
                .hasSize(expected)
                .allMatch("spec.strategy.rollingUpdate.maxUnavailable"::equals);
    }

    @ParameterizedTest(name = "Recreate with {0} -> {1}")
    @CsvSource({"'replicas: 1', 0", "'replicas: 2', 1", "'paused: false', 0"})
    void recreateIsUnsafeOnlyWithSeveralReplicas(String replicas, int expected) {
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d}
                spec:
                  %s
                  strategy: {type: Recreate}
                """.formatted(replicas);
        assertThat(InlineRun.check(new RollingUpdateRule(), yaml)).hasSize(expected);
    }

    private static String quote(String value) {
        return value.endsWith("%") ? "'" + value + "'" : value;
    }
}
