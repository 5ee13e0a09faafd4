package dev.guardrails.scanner.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ToolSandboxTest {

    @Test
    void environmentIsScrubbedAndPointsAtATempHomeThatIsDeleted() throws Exception {
        Path home;
        try (ToolSandbox sandbox = ToolSandbox.create()) {
            home = sandbox.home();
            assertThat(home).isDirectory();
            assertThat(sandbox.env()).containsEntry("PATH", "/usr/bin:/bin")
                    .containsEntry("HOME", home.toString())
                    .containsEntry("KUBECONFIG", "/dev/null")
                    .doesNotContainKeys("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "NO_PROXY");
            for (String key : new String[] {"HELM_CACHE_HOME", "HELM_CONFIG_HOME", "HELM_DATA_HOME"}) {
                assertThat(Path.of(sandbox.env().get(key)).startsWith(home)).as(key).isTrue();
            }
            assertThat(sandbox.env().keySet()).containsExactlyInAnyOrder("PATH", "HOME", "TMPDIR", "XDG_CACHE_HOME",
                    "XDG_CONFIG_HOME", "XDG_DATA_HOME", "HELM_CACHE_HOME", "HELM_CONFIG_HOME", "HELM_DATA_HOME",
                    "KUSTOMIZE_PLUGIN_HOME", "KUBECONFIG", "LANG");
            Files.writeString(home.resolve("tmp/leftover"), "x");
        }
        assertThat(home).doesNotExist();
    }
}
