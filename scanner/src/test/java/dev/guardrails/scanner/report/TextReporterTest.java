package dev.guardrails.scanner.report;

import static dev.guardrails.scanner.report.ReportSamples.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.Mode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextReporterTest {

    private static String golden(String name) throws IOException {
        try (InputStream in = TextReporterTest.class.getResourceAsStream("/report/" + name)) {
            assertThat(in).as("golden file %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void matchesGoldenFileWithoutColour() throws IOException {
        String actual = render(new TextReporter(false), ReportSamples.sample());
        String expected = golden("sample.txt");
        if (!actual.equals(expected)) {
            // Left for review next to the build output; never copied over the golden file automatically.
            Path dump = Path.of("target", "report-actual", "sample.txt");
            Files.createDirectories(dump.getParent());
            Files.writeString(dump, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void colourAddsAnsiCodesAndNothingElse() {
        String plain = render(new TextReporter(false), ReportSamples.sample());
        String coloured = render(new TextReporter(true), ReportSamples.sample());
        assertThat(plain).doesNotContain("\u001b");
        assertThat(coloured).contains("\u001b[31m").contains("\u001b[0m");
        assertThat(coloured.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(plain);
    }

    @Test
    void cleanScanIsOneShortLine() {
        String out = render(new TextReporter(true), ReportSamples.clean());
        assertThat(out).isEqualTo("No guardrail findings in 2 apps (8 objects); 1 exempted."
                + " Coverage: 2 rendered, 0 skipped, 0 failed.\n");
    }

    @Test
    void exemptedFindingsAreCountedNotListed() {
        String out = render(new TextReporter(false), ReportSamples.sample());
        assertThat(out).doesNotContain("acme/worker").contains("  1 exempted\n");
    }

    @Test
    void renderFailureComesFirstInItsApp() {
        String out = render(new TextReporter(false), ReportSamples.sample());
        String payments = out.substring(out.indexOf("apps/payments (helm"));
        assertThat(payments.lines().skip(1).findFirst()).hasValue("  render failed: helm template failed: exit status 1");
    }

    @Test
    void controlCharactersFromManifestsCannotReachTheTerminal() {
        Finding hostile = ReportSamples.finding(ReportSamples.LATEST_TAG, Mode.ENFORCE, "apps/shop", ReportSamples.WEB,
                "apps/shop/deployment.yaml", 3, "", "image \u001b[2J\u001b]0;pwned\u0007 and\nnewline");
        String out = render(new TextReporter(false), ReportSamples.withFindings(List.of(hostile)));
        assertThat(out).doesNotContain("\u001b").doesNotContain("\u0007")
                .contains("image ?[2J?]0;pwned? and newline");
    }

    @Test
    void summaryCountsActiveFindingsByMode() {
        String out = render(new TextReporter(false), ReportSamples.sample());
        List<String> lines = out.lines().toList();
        assertThat(lines.get(lines.size() - 2))
                .isEqualTo("3 apps, 8 objects, 5 findings (2 enforce, 2 warn, 1 audit), 1 exempted");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("Coverage: 2 rendered, 0 skipped, 1 failed");
    }
}
