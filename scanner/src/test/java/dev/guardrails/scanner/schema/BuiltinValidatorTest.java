package dev.guardrails.scanner.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.parse.ManifestParser;
import dev.guardrails.scanner.rule.KubeVersion;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Single fields of a container, validated against the 1.34 table, as the API server would decode them. */
class BuiltinValidatorTest {

    private static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              containers:
                - name: c
                  %s
            """;

    private static List<SchemaProblem> problems(String containerField, boolean reportUnknown) throws Exception {
        JsonNode pod = new ManifestParser().parse(POD.formatted(containerField), "pod.yaml").get(0).raw();
        KubeSchema schema = new KubeSchemas().forVersion(KubeVersion.parse("1.34")).schema();
        return new BuiltinValidator(schema, reportUnknown).validate(pod, schema.kindType("", "v1", "Pod"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            'tty: true'                                         | 0
            'tty: yes'                                          | 0
            'tty: "maybe"'                                      | 1
            'ports: [{containerPort: 80}]'                      | 0
            'ports: [{containerPort: "80"}]'                    | 1
            'ports: {containerPort: 80}'                        | 1
            'livenessProbe: {httpGet: {port: http}}'            | 0
            'livenessProbe: {httpGet: {port: 8080}}'            | 0
            'livenessProbe: {httpGet: {port: [1]}}'             | 1
            'resources: {limits: {cpu: 0.5, memory: 1Gi}}'      | 0
            'resources: {limits: {cpu: "half"}}'                | 1
            'env: [{name: A, value: null}]'                     | 0
            'env: [{name: A, value: 1.5}]'                      | 1
            'env: [{value: x}]'                                 | 1
            'imagePullPolicy: Always'                           | 0
            'imagePullPolicy: [Always]'                         | 1
            'unknownField: 1'                                   | 1
            'securityContext: {runAsUser: 1000, unknown: 1}'    | 1
            """)
    void fields(String field, int count) throws Exception {
        assertThat(problems(field, true)).as(field).hasSize(count);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            'unknownField: 1'                                   | 0
            'ports: [{containerPort: "80"}]'                    | 1
            """)
    void aNewerClusterMayKnowMoreFieldsButNotOtherTypes(String field, int count) throws Exception {
        assertThat(problems(field, false)).as(field).hasSize(count);
    }
}
