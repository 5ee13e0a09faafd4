package dev.guardrails.scanner.audit;

import dev.guardrails.scanner.discovery.AppDiscoverer;
import dev.guardrails.scanner.engine.GuardrailsEngine;
import dev.guardrails.scanner.parse.ManifestParser;
import dev.guardrails.scanner.render.DirectoryRenderer;
import dev.guardrails.scanner.render.HelmRenderer;
import dev.guardrails.scanner.render.KustomizeRenderer;
import dev.guardrails.scanner.rules.BuiltinRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/** Repos and engines for audit tests. */
final class AuditFixtures {

    static final Path ROOT = Path.of(System.getProperty("guardrails.projectRoot", "..")).toAbsolutePath().normalize();
    static final Path SAMPLES = ROOT.resolve("sample-repos");

    private AuditFixtures() {
    }

    /** The engine with the real renderers (helm and kubectl from tools/bin). */
    static GuardrailsEngine engine() {
        return new GuardrailsEngine(BuiltinRules.all(),
                List.of(new HelmRenderer(), new KustomizeRenderer(), new DirectoryRenderer()),
                new ManifestParser(), new AppDiscoverer());
    }

    /** A one-app repo: a privileged Deployment in namespace {@code ns}, with the given policy (or none). */
    static Path repo(Path dir, String ns, String policy) throws IOException {
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app/deploy.yaml"), deployment("web", ns, "registry.example.com/web:1.0"));
        if (policy != null) {
            Files.writeString(dir.resolve(".guardrails.yaml"), policy);
        }
        return dir;
    }

    static String deployment(String name, String ns, String image) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: %s}}
                  template:
                    metadata: {labels: {app: %s}}
                    spec:
                      containers:
                        - name: app
                          image: %s
                          securityContext: {privileged: true}
                """.formatted(name, ns, name, name, image);
    }

    /** Makes {@code dir} a Git repo with everything committed on branch {@code main}. */
    static void commitAll(Path dir) throws GitAPIException {
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("init").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com")
                    .setSign(false).call();
        }
    }
}
