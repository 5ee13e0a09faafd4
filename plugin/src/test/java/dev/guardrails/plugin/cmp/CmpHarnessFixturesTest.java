package dev.guardrails.plugin.cmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Fixtures for the harness itself (section 1.11 of the Argo CD facts): plugins whose generate
 * prints fixed output, so the harness's stdout parsing, errors, init and deadline match Argo CD's.
 */
class CmpHarnessFixturesTest {

    @TempDir
    Path tmp;

    private CmpServerHarness plugin(String init, String generate, Duration deadline) throws Exception {
        Path yaml = tmp.resolve("plugin-" + System.nanoTime() + ".yaml");
        Files.writeString(yaml, """
                apiVersion: argoproj.io/v1alpha1
                kind: ConfigManagementPlugin
                metadata: {name: fixture}
                spec:
                %s  generate:
                    command: [sh, -c]
                    args: [%s]
                """.formatted(init == null ? "" : "  init: {command: [sh, -c, %s]}\n".formatted(quote(init)),
                quote(generate)));
        return new CmpServerHarness(yaml, CmpTestSupport.baseEnv(tmp), tmp, deadline);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private Path repo() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo/app"));
        Files.writeString(repo.resolve("x.yaml"), "a: 1\n");
        return tmp.resolve("repo");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "v1 List        | printf 'apiVersion: v1\\nkind: List\\nitems:\\n- {kind: ConfigMap, metadata: {name: a}}\\n- {kind: Secret, metadata: {name: b}}\\n' | a,b",
            "JSON stream    | printf '{\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\"}}\\n{\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"b\"}}' | a,b",
            "empty docs     | printf -- '---\\n---\\nkind: ConfigMap\\nmetadata: {name: a}\\n---\\nnull\\n---\\n\\n---\\nkind: ConfigMap\\nmetadata: {name: b}\\n' | a,b",
            "stderr noise   | echo 'warning: noisy' >&2; printf 'kind: ConfigMap\\nmetadata: {name: a}\\n' | a",
            "empty stdout   | true | ''"})
    void parsesStdoutLikeArgoCd(String name, String command, String expected) throws Exception {
        CmpServerHarness.Generated out = plugin(null, command, Duration.ofSeconds(30)).generate(repo(), "app", Map.of());
        List<String> names = out.manifests().stream().map(o -> o.path("metadata").path("name").asText()).toList();
        assertThat(String.join(",", names)).isEqualTo(expected);
    }

    @Test
    void nonObjectDocumentsAndInvalidYamlFail() throws Exception {
        assertThatThrownBy(() -> plugin(null, "printf -- '- a\\n- b\\n'", Duration.ofSeconds(30)).generate(repo(), "app", Map.of()))
                .hasMessageStartingWith("failed to unmarshal manifest");
        assertThatThrownBy(() -> plugin(null, "printf 'kind: [\\n'", Duration.ofSeconds(30)).generate(repo(), "app", Map.of()))
                .hasMessageStartingWith("failed to unmarshal manifest");
    }

    @Test
    void requestEnvWinsAndRunsInTheAppDir() throws Exception {
        CmpServerHarness.Generated out = plugin(null,
                "printf 'kind: ConfigMap\\nmetadata: {name: %s}\\ndata: {dir: \"%s\"}\\n' \"$HOME_NAME\" \"$(basename \"$PWD\")\"",
                Duration.ofSeconds(30)).generate(repo(), "app", Map.of("HOME_NAME", "from-request"));
        assertThat(out.manifests().get(0).path("metadata").path("name").asText()).isEqualTo("from-request");
        assertThat(out.manifests().get(0).at("/data/dir").asText()).isEqualTo("app");
    }

    @Test
    void failuresReadLikeArgoCd() throws Exception {
        assertThatThrownBy(() -> plugin(null, "echo ' boom ' >&2; exit 3", Duration.ofSeconds(30)).generate(repo(), "app", Map.of()))
                .hasMessage("`sh -c 'echo '\\'' boom '\\'' >&2; exit 3'` failed exit status 3: boom");
        assertThatThrownBy(() -> plugin("exit 4", "true", Duration.ofSeconds(30)).generate(repo(), "app", Map.of()))
                .hasMessageContaining("failed exit status 4");
        assertThatThrownBy(() -> plugin(null, "true", Duration.ofSeconds(30)).generate(repo(), "../..", Map.of()))
                .hasMessageContaining("out of workDir bound");
    }

    @Test
    void theDeadlineKillsTheWholeProcessGroup() throws Exception {
        Path marker = tmp.resolve("survived");
        assertThatThrownBy(() -> plugin(null, "(sleep 3; touch " + marker + ") & sleep 60", Duration.ofSeconds(1))
                .generate(repo(), "app", Map.of()))
                .hasMessageContaining("deadline exceeded");
        Thread.sleep(3500);
        assertThat(marker).doesNotExist();
    }

    @Test
    void outOfTreeSymlinksAreRefused() throws Exception {
        Path repo = repo();
        Files.createSymbolicLink(repo.resolve("app/passwd"), Path.of("/etc/passwd"));
        assertThatThrownBy(() -> plugin(null, "true", Duration.ofSeconds(30)).generate(repo, "app", Map.of()))
                .hasMessageContaining("illegal filepath in symlink");
    }

    @Test
    void pluginYamlIsValidated() throws Exception {
        Path yaml = tmp.resolve("bad.yaml");
        Files.writeString(yaml, "kind: ConfigManagementPlugin\nmetadata: {name: x}\nspec: {generate: {args: [a]}}\n");
        assertThatThrownBy(() -> CmpServerHarness.load(yaml)).hasMessageContaining("spec.generate should have command");
        Files.writeString(yaml, "kind: Plugin\nmetadata: {name: x}\n");
        assertThatThrownBy(() -> CmpServerHarness.load(yaml)).hasMessageContaining("kind should be ConfigManagementPlugin");
    }
}
