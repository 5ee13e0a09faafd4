package dev.guardrails.scanner.fix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.guardrails.scanner.engine.AppTarget;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.SourceSpan;
import dev.guardrails.scanner.render.HelmOptions;
import dev.guardrails.scanner.render.RenderRequest;
import dev.guardrails.scanner.render.SourceType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which values keys are offered for a rendered field, in order (no rendering here: the runner's
 * re-render decides between them; FixCommandTest proves the whole loop with real helm).
 */
class HelmValuesWriterTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels: {app: web}
            spec:
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                    - name: web
                      image: registry.example.com/web:3.1.0
                    - name: metrics
                      image: registry.example.com/exporter:1.0.0
                      securityContext: {readOnlyRootFilesystem: false}
            """;

    @TempDir
    Path repo;

    private List<String> keys(String values, Edit... edits) throws IOException, FixException {
        return keys(values, DEPLOYMENT, edits);
    }

    private List<String> keys(String values, String rendered, Edit... edits) throws IOException, FixException {
        Files.createDirectories(repo.resolve("web/templates"));
        Files.writeString(repo.resolve("web/values.yaml"), values);
        AppTarget app = new AppTarget("web", "web", new RenderRequest(repo, "web", SourceType.HELM, "web", "default",
                HelmOptions.defaults(), null, null));
        ObjectNode raw = (ObjectNode) new ObjectMapper(new YAMLFactory()).readTree(rendered);
        ManifestObject object = new ManifestObject(raw, new SourceSpan("web/templates/deployment.yaml", 1, 0), Map.of());
        return new HelmValuesWriter().alternatives(app, object, List.of(edits), new SourceFiles(repo)).stream()
                .map(Alternative::where).toList();
    }

    @Test
    void anEmptyPodKeyFeedsThePodFieldAndThePlainKeyTheContainers() throws Exception {
        String values = "securityContext: {}\npodSecurityContext: {}\n";

        assertThat(keys(values, Edit.set("spec.template.spec.securityContext.seccompProfile.type", TextNode.valueOf("RuntimeDefault"))))
                .first().isEqualTo("in web/values.yaml key podSecurityContext.seccompProfile.type");
        assertThat(keys(values, Edit.set("spec.template.spec.containers[0].securityContext.runAsNonRoot", BooleanNode.TRUE)))
                .first().isEqualTo("in web/values.yaml key securityContext.runAsNonRoot");
    }

    @Test
    void labelsMergedIntoAHelpersLabelsAreFedByTheirValuesMap() throws Exception {
        assertThat(keys("commonLabels: {}\npodAnnotations: {}\n",
                Edit.set("metadata.labels.team", TextNode.valueOf("shop")),
                Edit.set("spec.template.metadata.labels.team", TextNode.valueOf("shop"))))
                .containsExactly("in web/values.yaml key commonLabels.team");
    }

    @Test
    void aDigestGoesAfterTheTagTheRenderedImageEndsWith() throws Exception {
        String values = "image:\n  repository: registry.example.com/web\n  tag: \"3.1.0\"\nsidecar:\n  tag: \"3.1.0\"\n";

        assertThat(keys(values, Edit.set("spec.template.spec.containers[0].image",
                TextNode.valueOf("registry.example.com/web:3.1.0@sha256:abc"))))
                .containsExactly("in web/values.yaml key image.tag");
    }

    @Test
    void aKeyOnlyTheTemplatesReadIsOffered() throws Exception {
        Files.createDirectories(repo.resolve("web/templates"));
        Files.writeString(repo.resolve("web/templates/deployment.yaml"), """
                {{- with .Values.readinessProbe }}
                readinessProbe: {{- toYaml . | nindent 12 }}
                {{- end }}
                {{- if hasKey .Values "automountServiceAccountToken" }}
                automountServiceAccountToken: {{ .Values.automountServiceAccountToken }}
                {{- end }}
                """);

        assertThat(keys("# readinessProbe: {}\nreplicaCount: 1\n",
                Edit.set("spec.template.spec.containers[0].readinessProbe", new ObjectMapper().createObjectNode().put("x", 1))))
                .containsExactly("in web/values.yaml key readinessProbe");
        assertThat(keys("replicaCount: 1\n", Edit.set("spec.template.spec.automountServiceAccountToken", BooleanNode.FALSE)))
                .containsExactly("in web/values.yaml key automountServiceAccountToken");
    }

    @Test
    void anEmptyMapIsNotGuessedIntoAStructuredFieldTheTemplateWrites() {
        assertThatThrownBy(() -> keys("podSecurityContext: {}\n",
                Edit.set("spec.template.spec.containers[1].securityContext.runAsNonRoot", BooleanNode.TRUE)))
                .isInstanceOf(FixException.class).hasMessageContaining("the chart's template sets it");
    }
}
