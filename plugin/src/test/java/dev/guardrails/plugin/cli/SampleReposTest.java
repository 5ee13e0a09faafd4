package dev.guardrails.plugin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * End to end: `guardrails scan` on each sample repo, with the real helm and kustomize, must produce
 * exactly the findings listed in the repo's expected-findings.yaml (mode, rule, app, object,
 * file:line, exemption) and the expected exit code.
 */
class SampleReposTest {

    static final Path ROOT = Path.of(System.getProperty("guardrails.projectRoot", "..")).toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"plain", "kustomize-overlays", "helm-chart", "app-of-apps"})
    void scanMatchesExpectedFindings(String name) throws IOException {
        Path repo = ROOT.resolve("sample-repos").resolve(name);
        Path json = tmp.resolve(name + ".json");
        CliRun run = CliRun.of("scan", repo.toString(), "-f", "json=" + json);
        assertThat(run.err()).as("stderr").doesNotContain("internal error");
        List<String> actual = lines(new ObjectMapper().readTree(json.toFile()));

        Path expectedFile = repo.resolve("expected-findings.yaml");
        if (Boolean.getBoolean("guardrails.updateExpected")) {
            write(expectedFile, name, run.exitCode(), actual);
        }
        JsonNode expected = new YAMLMapper().readTree(expectedFile.toFile());
        List<String> expectedLines = new ArrayList<>();
        expected.path("findings").forEach(n -> expectedLines.add(n.asText()));
        assertThat(actual).as("findings of sample-repos/%s (regenerate with -Dguardrails.updateExpected=true and review the diff)", name)
                .containsExactlyElementsOf(expectedLines);
        assertThat(run.exitCode()).as("exit code").isEqualTo(expected.path("exitCode").asInt());
    }

    /** One line per finding: mode rule app object file:line [exempted by owner]. */
    static List<String> lines(JsonNode report) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : report.path("findings")) {
            JsonNode o = f.path("object");
            String object = o.path("kind").asText() + "/" + (o.path("namespace").asText().isEmpty() ? "" : o.path("namespace").asText() + "/")
                    + o.path("name").asText();
            String line = f.path("mode").asText() + " " + f.path("ruleId").asText() + " " + f.path("app").asText() + " "
                    + object + " " + f.path("file").asText() + ":" + f.path("line").asInt();
            if (!f.path("exemption").isNull() && !f.path("exemption").isMissingNode()) {
                line += " exempted-by " + f.path("exemption").path("owner").asText();
            }
            out.add(line);
        }
        return out;
    }

    private static void write(Path file, String name, int exitCode, List<String> lines) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("# Expected findings of `guardrails scan sample-repos/").append(name).append("`, compared exactly by\n");
        sb.append("# SampleReposTest. Each line: mode rule app object file:line [exempted-by owner].\n");
        sb.append("# Regenerate after a deliberate change, then review the diff:\n");
        sb.append("#   mvn -pl plugin -am test -Dtest=SampleReposTest -Dsurefire.failIfNoSpecifiedTests=false -Dguardrails.updateExpected=true\n");
        sb.append("exitCode: ").append(exitCode).append('\n');
        sb.append("findings:\n");
        for (String l : lines) {
            sb.append("  - \"").append(l.replace("\"", "\\\"")).append("\"\n");
        }
        Files.writeString(file, sb.toString());
    }
}
