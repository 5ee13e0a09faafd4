package dev.guardrails.scanner.rules.availability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.rule.Bundle;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkloadsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, String> LABELS = Map.of("app", "web", "tier", "front");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{}                                                              | true",
            "{matchLabels: {app: web}}                                       | true",
            "{matchLabels: {app: api}}                                       | false",
            "{matchLabels: {app: web, zone: a}}                              | false",
            "{matchExpressions: [{key: tier, operator: In, values: [front]}]} | true",
            "{matchExpressions: [{key: tier, operator: NotIn, values: [front]}]} | false",
            "{matchExpressions: [{key: zone, operator: NotIn, values: [a]}]}  | true",
            "{matchExpressions: [{key: app, operator: Exists}]}              | true",
            "{matchExpressions: [{key: app, operator: DoesNotExist}]}        | false",
            "{matchExpressions: [{key: app, operator: Bogus}]}               | false",
            "null                                                            | false"})
    void matchesLabelSelectors(String selector, boolean selected) throws Exception {
        JsonNode node = YAML.readTree("s: " + selector).path("s");
        assertThat(Workloads.selects(node, LABELS)).isEqualTo(selected);
    }

    @Test
    void autoscalerMinimumOverridesDeclaredReplicas() {
        List<ManifestObject> objects = InlineRun.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec: {replicas: 5}
                ---
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: web}
                spec:
                  scaleTargetRef: {name: web}
                  minReplicaCount: 0
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: api, namespace: other}
                spec: {replicas: 5}
                ---
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: api}
                spec:
                  scaleTargetRef: {kind: Deployment, name: api}
                  minReplicas: 3
                """);
        Bundle bundle = Bundle.of(objects);
        assertThat(Workloads.autoscalerOf(objects.get(0), bundle)).contains(objects.get(1));
        assertThat(Workloads.minimumReplicas(objects.get(0), bundle)).isEqualTo(1);
        // The HPA lands in "default", the Deployment in "other".
        assertThat(Workloads.autoscalerOf(objects.get(2), bundle)).isEmpty();
        assertThat(Workloads.minimumReplicas(objects.get(2), bundle)).isEqualTo(5);
    }
}
