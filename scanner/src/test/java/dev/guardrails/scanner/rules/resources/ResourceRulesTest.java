package dev.guardrails.scanner.rules.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rules.availability.InlineRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Edge cases shared by the four resource rules: which values count as set. */
class ResourceRulesTest {

    private static Rule rule(String id) {
        return switch (id) {
            case "cpu-request-missing" -> new CpuRequestRule();
            case "memory-request-missing" -> new MemoryRequestRule();
            case "memory-limit-missing" -> new MemoryLimitRule();
            case "cpu-limit-missing" -> new CpuLimitRule();
            default -> throw new IllegalArgumentException(id);
        };
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "cpu-request-missing    | requests: {cpu: 100m}        | 0",
            "cpu-request-missing    | requests: {cpu: 0.5}         | 0",
            "cpu-request-missing    | requests: {memory: 1Gi}      | 1",
            "cpu-request-missing    | limits: {cpu: 100m}          | 1",
            "cpu-request-missing    | requests: {cpu: ' '}         | 1",
            "memory-request-missing | requests: {memory: 64Mi}     | 0",
            "memory-request-missing | requests: {}                 | 1",
            "memory-limit-missing   | limits: {memory: 64Mi}       | 0",
            "memory-limit-missing   | requests: {memory: 64Mi}     | 1",
            "cpu-limit-missing      | limits: {cpu: 1}             | 0",
            "cpu-limit-missing      | limits: {memory: 1Gi}        | 1",
    })
    void countsOnlyNonBlankValues(String id, String resources, int expected) {
        String yaml = """
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers:
                    - name: app
                      image: app:1
                      resources: {%s}
                """.formatted(resources);
        assertThat(InlineRun.check(rule(id), yaml)).hasSize(expected);
    }

    @ParameterizedTest
    @CsvSource({"cpu-request-missing", "memory-request-missing", "memory-limit-missing", "cpu-limit-missing"})
    void pointsAtTheMissingFieldOfEachContainerButSkipsEphemeralOnes(String id) {
        String yaml = """
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  initContainers:
                    - {name: init, image: init:1}
                  containers:
                    - {name: app, image: app:1}
                  ephemeralContainers:
                    - {name: debug, image: busybox:1}
                """;
        String field = id.contains("request") ? "requests" : "limits";
        String resource = id.startsWith("cpu") ? "cpu" : "memory";
        assertThat(InlineRun.paths(rule(id), yaml)).containsExactly(
                "spec.initContainers[0].resources." + field + "." + resource,
                "spec.containers[0].resources." + field + "." + resource);
    }
}
