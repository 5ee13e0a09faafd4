package dev.guardrails.scanner.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ReportFormatTest {

    @ParameterizedTest
    @CsvSource({"text, TEXT", "json, JSON", "SARIF, SARIF", " junit , JUNIT", "Markdown, MARKDOWN"})
    void looksUpFormatsByName(String name, ReportFormat expected) {
        assertThat(ReportFormat.parse(name)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(ReportFormat.class)
    void eachFormatHasAReporterNamedAfterIt(ReportFormat format) {
        assertThat(format.reporter(false).format()).isEqualTo(format.id());
        assertThat(ReportFormat.parse(format.id())).isEqualTo(format);
    }

    @Test
    void unknownFormatListsTheValidNames() {
        assertThatThrownBy(() -> ReportFormat.parse("html"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'html'")
                .hasMessageContaining("text, json, sarif, junit, markdown");
    }

    @Test
    void colourOnlyChangesTheTextFormat() {
        String plain = ReportSamples.render(ReportFormat.TEXT.reporter(false), ReportSamples.sample());
        String coloured = ReportSamples.render(ReportFormat.TEXT.reporter(true), ReportSamples.sample());
        assertThat(coloured).isNotEqualTo(plain);
        assertThat(ReportSamples.render(ReportFormat.JSON.reporter(true), ReportSamples.sample()))
                .isEqualTo(ReportSamples.render(ReportFormat.JSON.reporter(false), ReportSamples.sample()));
    }
}
