package dev.guardrails.scanner.rules.probes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.rule.RuleFixtures;
import dev.guardrails.scanner.rules.availability.InlineRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReadinessProbeRuleTest {

    @Test
    void fixtures() {
        RuleFixtures.verify(new ReadinessProbeRule());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "Deployment, 1", "StatefulSet, 1", "DaemonSet, 1", "ReplicaSet, 1", "Rollout, 1", "DeploymentConfig, 1",
            "Job, 0", "ReplicationController, 0", "ConfigMap, 0"})
    void appliesToLongRunningKindsOnly(String kind, int expected) {
        String yaml = """
                apiVersion: apps/v1
                kind: %s
                metadata: {name: w}
                spec:
                  template:
                    spec:
                      containers:
                        - {name: app, image: app:1}
                """.formatted(kind);
        assertThat(InlineRun.check(new ReadinessProbeRule(), yaml)).hasSize(expected);
        assertThat(InlineRun.check(new LivenessProbeRule(), yaml)).hasSize(expected);
    }

    @Test
    void ignoresSidecarsAndPointsAtTheMissingProbe() {
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: w}
                spec:
                  template:
                    spec:
                      initContainers:
                        - {name: proxy, image: proxy:1, restartPolicy: Always}
                      containers:
                        - {name: app, image: app:1, livenessProbe: {tcpSocket: {port: 80}}}
                """;
        assertThat(InlineRun.paths(new ReadinessProbeRule(), yaml))
                .containsExactly("spec.template.spec.containers[0].readinessProbe");
        assertThat(InlineRun.paths(new LivenessProbeRule(), yaml)).isEmpty();
    }
}
