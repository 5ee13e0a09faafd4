package dev.guardrails.plugin.cmp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Shared set-up for tests that run the plugin through {@link CmpServerHarness}. */
final class CmpTestSupport {

    static final Path PROJECT_ROOT = projectRoot();
    static final Duration DEADLINE = Duration.ofSeconds(90);

    private CmpTestSupport() {
    }

    /**
     * The sidecar's own environment: PATH with a shim dir first ({@code sh} = bash, since this
     * machine's dash lacks pipefail; {@code guardrails} = the CLI on the test classpath), the
     * pinned tools, and a HOME.
     */
    static Map<String, String> baseEnv(Path tmp) throws IOException {
        Path shims = Files.createDirectories(tmp.resolve("shims"));
        Path sh = shims.resolve("sh");
        if (!Files.exists(sh)) {
            Files.writeString(sh, "#!/bin/bash\nexec -a sh /bin/bash \"$@\"\n");
            sh.toFile().setExecutable(true);
            Path guardrails = shims.resolve("guardrails");
            Files.writeString(guardrails, "#!/bin/sh\nexec \"$GUARDRAILS_TEST_JAVA\" -XX:TieredStopAtLevel=1 "
                    + "-XX:+UseSerialGC -cp \"$GUARDRAILS_TEST_CLASSPATH\" dev.guardrails.plugin.cli.GuardrailsCommand \"$@\"\n");
            guardrails.toFile().setExecutable(true);
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", shims + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", tmp.toString());
        env.put("GUARDRAILS_TOOLS_DIR", PROJECT_ROOT.resolve("tools").toString());
        env.put("GUARDRAILS_TEST_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        env.put("GUARDRAILS_TEST_CLASSPATH",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        return env;
    }

    static Path testPlugin(String name) {
        return PROJECT_ROOT.resolve("plugin/src/test/resources/cmp").resolve(name);
    }

    static Path realPlugin() {
        return PROJECT_ROOT.resolve("argocd-integration/manifests/plugin.yaml");
    }

    static Path sample(String repo) {
        return PROJECT_ROOT.resolve("sample-repos").resolve(repo);
    }

    /** Argo CD's request env for an app. */
    static Map<String, String> argoEnv(String appName, String namespace, String path, String parameters) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ARGOCD_APP_NAME", appName);
        env.put("ARGOCD_APP_NAMESPACE", namespace);
        env.put("ARGOCD_APP_PROJECT_NAME", "default");
        env.put("ARGOCD_APP_REVISION", "4f1c3b0d2e9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c");
        env.put("ARGOCD_APP_REVISION_SHORT", "4f1c3b0");
        env.put("ARGOCD_APP_REVISION_SHORT_8", "4f1c3b0d");
        env.put("ARGOCD_APP_SOURCE_PATH", path);
        env.put("ARGOCD_APP_SOURCE_REPO_URL", "https://git.example.com/gitops.git");
        env.put("ARGOCD_APP_SOURCE_TARGET_REVISION", "main");
        env.put("KUBE_VERSION", "1.34.1");
        env.put("KUBE_API_VERSIONS", "apps/v1,apps/v1/Deployment,v1,v1/ConfigMap,v1/Service");
        if (parameters != null) {
            env.put("ARGOCD_APP_PARAMETERS", parameters);
        }
        return env;
    }

    static ObjectNode find(List<ObjectNode> objects, String kind, String name) {
        return objects.stream()
                .filter(o -> o.path("kind").asText().equals(kind) && o.path("metadata").path("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " in " + objects));
    }

    static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(".mvn")) && Files.isDirectory(dir.resolve("sample-repos"))) {
                return dir;
            }
        }
        throw new IllegalStateException("project root not found");
    }

    static long lines(String text) {
        try (Stream<String> s = text.lines()) {
            return s.count();
        }
    }
}
