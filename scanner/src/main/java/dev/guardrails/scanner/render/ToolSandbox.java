package dev.guardrails.scanner.render;

import dev.guardrails.scanner.process.ProcessFailure;
import dev.guardrails.scanner.process.ProcessResult;
import dev.guardrails.scanner.process.ProcessRunner;
import dev.guardrails.scanner.process.ProcessSpec;
import dev.guardrails.scanner.workspace.TempTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A throw-away HOME for one tool run, and the scrubbed environment that points at it. helm and
 * kubectl would otherwise read the user's repositories, registry logins, plugins and kubeconfig,
 * and proxies would let a chart reach the network; none of that belongs in a render.
 */
final class ToolSandbox implements AutoCloseable {

    /** The discard port on loopback: nothing listens, connections are refused at once. */
    static final String DEAD_PROXY = "http://127.0.0.1:9";

    private final Path home;
    private final Map<String, String> env;

    private ToolSandbox(Path home) {
        this.home = home;
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("PATH", "/usr/bin:/bin");
        vars.put("HOME", home.toString());
        vars.put("TMPDIR", home.resolve("tmp").toString());
        vars.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
        vars.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        vars.put("XDG_DATA_HOME", home.resolve(".local/share").toString());
        vars.put("HELM_CACHE_HOME", home.resolve(".cache/helm").toString());
        vars.put("HELM_CONFIG_HOME", home.resolve(".config/helm").toString());
        vars.put("HELM_DATA_HOME", home.resolve(".local/share/helm").toString());
        vars.put("KUSTOMIZE_PLUGIN_HOME", home.resolve(".config/kustomize/plugin").toString());
        vars.put("KUBECONFIG", "/dev/null");
        vars.put("LANG", "C.UTF-8");
        // No network, as a second wall behind the pre-checks that refuse remote references: every
        // HTTP(S) client in helm, kustomize and git goes through a proxy on a closed local port, git
        // may use no transport at all (kustomize fetches remote bases with git), and ssh fails.
        for (String proxy : List.of("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")) {
            vars.put(proxy, DEAD_PROXY);
        }
        vars.put("NO_PROXY", "");
        vars.put("no_proxy", "");
        vars.put("GIT_ALLOW_PROTOCOL", "none");
        vars.put("GIT_SSH_COMMAND", "false");
        vars.put("GIT_TERMINAL_PROMPT", "0");
        vars.put("GIT_CONFIG_NOSYSTEM", "1");
        vars.put("GIT_CONFIG_GLOBAL", "/dev/null");
        this.env = Map.copyOf(vars);
    }

    /** Creates the temp HOME (with a tmp dir inside). */
    static ToolSandbox create() throws RenderException {
        try {
            Path home = Files.createTempDirectory("guardrails-render-");
            Files.createDirectories(home.resolve("tmp"));
            return new ToolSandbox(home);
        } catch (IOException e) {
            throw new RenderException("could not create a temporary directory for the render: " + e.getMessage(), e);
        }
    }

    Path home() {
        return home;
    }

    Map<String, String> env() {
        return env;
    }

    @Override
    public void close() {
        TempTrees.deleteQuietly(home);
    }

    /** Runs {@code <tool> args...} in the sandbox and returns its trimmed stdout, or {@code unknown}. */
    static String version(ProcessRunner runner, List<String> argv) {
        try (ToolSandbox sandbox = create()) {
            ProcessResult result = runner.run(
                    ProcessSpec.of(argv, sandbox.home(), sandbox.env(), Duration.ofSeconds(20), 64 * 1024));
            return result.stdoutText().strip();
        } catch (RenderException | ProcessFailure e) {
            return "unknown";
        }
    }
}
