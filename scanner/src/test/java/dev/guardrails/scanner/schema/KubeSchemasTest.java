package dev.guardrails.scanner.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.rule.KubeVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class KubeSchemasTest {

    private final KubeSchemas schemas = new KubeSchemas();

    static Iterable<String> versions() {
        return KubeSchema.SHIPPED;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    void everyShippedTableServesTheCoreKinds(String version) {
        KubeSchema schema = schemas.forVersion(KubeVersion.parse(version)).schema();
        assertThat(schema.version()).isEqualTo(version);
        assertThat(schema.source()).startsWith("cdk8s-plus-" + version.substring(2) + "@");
        assertThat(schema.kindType("apps", "v1", "Deployment")).isEqualTo("io.k8s.api.apps.v1.Deployment");
        assertThat(schema.kindType("", "v1", "ConfigMap")).isEqualTo("io.k8s.api.core.v1.ConfigMap");
        assertThat(schema.kindType("rbac.authorization.k8s.io", "v1", "ClusterRole")).isNotNull();
        assertThat(schema.kindType("networking.k8s.io", "v1", "Ingress")).isNotNull();
        assertThat(schema.kindType("apiextensions.k8s.io", "v1", "CustomResourceDefinition")).isNotNull();
        assertThat(schema.types().get("io.k8s.api.core.v1.Container").required()).containsExactly("name");
        assertThat(schema.types().get("io.k8s.api.core.v1.ContainerPort").fields()).containsEntry("hostIP", "string");
    }

    @Test
    void fieldsDifferBetweenVersions() {
        // Container restartPolicyRules arrived in 1.34; 1.30 does not know it.
        assertThat(schemas.forVersion(KubeVersion.parse("1.34")).schema().types()
                .get("io.k8s.api.core.v1.Container").fields()).containsKey("restartPolicyRules");
        assertThat(schemas.forVersion(KubeVersion.parse("1.30")).schema().types()
                .get("io.k8s.api.core.v1.Container").fields()).doesNotContainKey("restartPolicyRules");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "1.34, 1.34, true, false",
            "1.32.4, 1.32, true, false",
            "1.25, 1.30, false, false",
            "1.36, 1.34, false, true",
    })
    void targetVersionSelectsATable(String target, String used, boolean exact, boolean newer) {
        KubeSchemas.Selected s = schemas.forVersion(KubeVersion.parse(target));
        assertThat(s.schema().version()).isEqualTo(used);
        assertThat(s.exact()).isEqualTo(exact);
        assertThat(s.newerThanShipped()).isEqualTo(newer);
    }
}
