package dev.guardrails.plugin.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.render.HelmOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The textual Helm mapping: where it finds lines and where it gives up. */
class HelmLinesTest {

    @Test
    void nestedKeysAreFoundByIndentationNotByName() {
        List<String> values = List.of(
                "# defaults",
                "image:",
                "  tag: \"1.0\"",
                "sidecar:",
                "  image:",
                "    repository: busybox",
                "    tag: latest",
                "replicas: 2");

        assertThat(HelmLines.keyLine(values, new String[] {"sidecar", "image", "tag"})).isEqualTo(7);
        assertThat(HelmLines.keyLine(values, new String[] {"image", "tag"})).isEqualTo(3);
        assertThat(HelmLines.keyLine(values, new String[] {"replicas"})).isEqualTo(8);
        // "tag" exists, but not under image.repository: no line rather than a wrong one.
        assertThat(HelmLines.keyLine(values, new String[] {"image", "repository"})).isZero();
        assertThat(HelmLines.keyLine(values, new String[] {"missing"})).isZero();
    }

    @Test
    void templateLineIsTheOnlyDeclarationOrTheOnlyOneWithAValuesReference() {
        List<String> template = List.of(
                "containers:",
                "  - name: app",
                "    image: {{ .Values.image.repository }}:{{ .Values.image.tag }}",
                "  - name: sidecar",
                "    image: busybox:1.36");

        assertThat(HelmLines.fieldLine(template, "image", "nginx:latest")).isEqualTo(3);
        assertThat(HelmLines.fieldLine(template, "name", "app")).isEqualTo(2);
        assertThat(HelmLines.fieldLine(List.of("a: {{ .Values.x }}", "a: {{ .Values.y }}"), "a", "v")).isZero();
        assertThat(HelmLines.fieldLine(template, null, null)).isZero();
    }

    @Test
    void valueFilesFollowHelmPrecedenceAndStayInTheRepo() {
        HelmOptions helm = new HelmOptions(null, List.of("values.yaml", "values-prod.yaml", "../shared/common.yaml",
                "https://example.com/remote.yaml"), null, null, null, false, false, false, false, null, null);

        assertThat(HelmLines.valueFiles("charts/cart", helm))
                .containsExactly("charts/shared/common.yaml", "charts/cart/values-prod.yaml", "charts/cart/values.yaml");
        assertThat(HelmLines.valueFiles("charts/cart", null)).containsExactly("charts/cart/values.yaml");
    }
}
