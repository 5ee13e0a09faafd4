package dev.guardrails.scanner.render.cache;

import dev.guardrails.scanner.process.ProcessFailure;
import dev.guardrails.scanner.process.ProcessRunner;
import dev.guardrails.scanner.process.ProcessSpec;
import dev.guardrails.scanner.render.RenderException;
import dev.guardrails.scanner.render.RenderRequest;
import dev.guardrails.scanner.render.ToolLocator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The versions of helm and kubectl as the renderers will run them, asked once each. A render cache
 * keys on them, so upgrading a tool invalidates what the old one rendered. The version is known
 * before rendering (unlike {@code RenderOutput.toolVersion}), which is what a lookup needs.
 */
public final class ToolVersions {

    /** Directory apps are rendered by this project's own code; its version is the cache format. */
    static final String DIRECTORY = "guardrails directory renderer";

    private final ToolLocator tools;
    private final ProcessRunner runner;
    private volatile String helm;
    private volatile String kubectl;

    public ToolVersions(ToolLocator tools, ProcessRunner runner) {
        this.tools = tools;
        this.runner = runner;
    }

    /** The version string of the tool(s) that render {@code request}; contains {@code unknown} when a probe failed. */
    public String forRequest(RenderRequest request) {
        return switch (request.type()) {
            case HELM -> helm();
            case KUSTOMIZE -> request.kustomize().enableHelm() ? kubectl() + "; " + helm() : kubectl();
            case DIRECTORY -> DIRECTORY;
        };
    }

    /** {@code helm version --short}, e.g. {@code v4.1.4+g05fa379}. */
    public String helm() {
        String v = helm;
        if (v == null) {
            try {
                v = "helm " + probe(List.of(tools.helm().toString(), "version", "--short"));
            } catch (RenderException e) {
                v = "helm unknown";
            }
            helm = v;
        }
        return v;
    }

    /** {@code kubectl version --client} (which names the built-in kustomize). */
    public String kubectl() {
        String v = kubectl;
        if (v == null) {
            try {
                v = "kubectl " + probe(List.of(tools.kubectl().toString(), "version", "--client"))
                        .replace('\n', ' ');
            } catch (RenderException e) {
                v = "kubectl unknown";
            }
            kubectl = v;
        }
        return v;
    }

    private String probe(List<String> argv) {
        Path home = null;
        try {
            home = Files.createTempDirectory("guardrails-version-");
            Map<String, String> env = Map.of("PATH", "/usr/bin:/bin", "HOME", home.toString(),
                    "KUBECONFIG", "/dev/null", "LANG", "C.UTF-8");
            String out = runner.run(ProcessSpec.of(argv, home, env, Duration.ofSeconds(20), 64 * 1024)).stdoutText().strip();
            return out.isEmpty() ? "unknown" : out;
        } catch (IOException | ProcessFailure e) {
            return "unknown";
        } finally {
            if (home != null) {
                try (Stream<Path> walk = Files.walk(home)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }
}
