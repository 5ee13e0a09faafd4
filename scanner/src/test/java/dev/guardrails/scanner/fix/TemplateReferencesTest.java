package dev.guardrails.scanner.fix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateReferencesTest {

    @TempDir
    Path root;

    @Test
    void readsValuesPathsAndHasKeyChecksOfTheChartsOwnTemplates() throws IOException {
        Path chart = root.resolve("web");
        Files.createDirectories(chart.resolve("templates"));
        Files.createDirectories(chart.resolve("charts/db/templates"));
        Files.writeString(chart.resolve("templates/deployment.yaml"), """
                image: "{{ .Values.image.repository }}:{{ $.Values.image.tag }}"
                {{- if hasKey .Values.serviceAccount "automount" }}
                """);
        Files.writeString(chart.resolve("templates/_helpers.tpl"), "{{- with .Values.commonLabels }}{{ toYaml . }}{{- end }}");
        Files.writeString(chart.resolve("templates/NOTES.txt"), "{{ .Values.notes }}");
        Files.writeString(chart.resolve("charts/db/templates/sts.yaml"), "{{ .Values.db }}");

        assertThat(TemplateReferences.of(chart, root)).containsExactly(
                "commonLabels", "image", "image.repository", "image.tag", "serviceAccount", "serviceAccount.automount");
    }

    @Test
    void aChartWithoutTemplatesReadsNothing() {
        assertThat(TemplateReferences.of(root.resolve("none"), root)).isEmpty();
    }
}
