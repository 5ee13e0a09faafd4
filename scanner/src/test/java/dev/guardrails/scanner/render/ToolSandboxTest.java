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
                    .containsEntry("HTTPS_PROXY", ToolSandbox.DEAD_PROXY).containsEntry("http_proxy", ToolSandbox.DEAD_PROXY)
                    .containsEntry("NO_PROXY", "").containsEntry("GIT_ALLOW_PROTOCOL", "none");
            for (String key : new String[] {"HELM_CACHE_HOME", "HELM_CONFIG_HOME", "HELM_DATA_HOME"}) {
                assertThat(Path.of(sandbox.env().get(key)).startsWith(home)).as(key).isTrue();
            }
            assertThat(sandbox.env().keySet()).containsExactlyInAnyOrder("PATH", "HOME", "TMPDIR", "XDG_CACHE_HOME",
                    "XDG_CONFIG_HOME", "XDG_DATA_HOME", "HELM_CACHE_HOME", "HELM_CONFIG_HOME", "HELM_DATA_HOME",
                    "KUSTOMIZE_PLUGIN_HOME", "KUBECONFIG", "LANG", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY",
                    "http_proxy", "https_proxy", "all_proxy", "NO_PROXY", "no_proxy", "GIT_ALLOW_PROTOCOL",
                    "GIT_SSH_COMMAND", "GIT_TERMINAL_PROMPT", "GIT_CONFIG_NOSYSTEM", "GIT_CONFIG_GLOBAL");
            Files.writeString(home.resolve("tmp/leftover"), "x");
        }
        assertThat(home).doesNotExist();
    }

    /** kustomize fetches remote bases with git: in the sandbox git may use no transport at all. */
    @Test
    void gitInTheSandboxCannotFetch() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/git")), "git installed");
        try (ToolSandbox sandbox = ToolSandbox.create()) {
            for (String url : new String[] {"https://example.invalid/repo.git", "git@example.invalid:org/repo.git",
                    "file:///etc"}) {
                ProcessBuilder pb = new ProcessBuilder("/usr/bin/git", "ls-remote", url)
                        .directory(sandbox.home().toFile()).redirectErrorStream(true);
                pb.environment().clear();
                pb.environment().putAll(sandbox.env());
                Process p = pb.start();
                String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(p.waitFor()).as(url + ": " + out).isNotZero();
                assertThat(out).as(url).containsIgnoringCase("not allowed");
            }
        }
    }
}
