package dev.guardrails.plugin.review;

import dev.guardrails.plugin.config.GitHubSettings;
import dev.guardrails.plugin.config.GitLabSettings;
import dev.guardrails.plugin.engine.Engines;
import dev.guardrails.plugin.forge.ForgeClients;
import dev.guardrails.plugin.forge.RetryPolicy;
import dev.guardrails.scanner.engine.ScanOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/** Repo contents, keys and wiring shared by the review tests. */
final class ReviewFixtures {

    static final String POLICY = """
            mode: off
            rules:
              latest-tag: enforce
              host-network: warn
              plaintext-secret: warn
            """;

    static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(5), Duration.ofMillis(20),
            Duration.ofSeconds(5), Duration.ofSeconds(10));

    private ReviewFixtures() {
    }

    static String deployment(String name, String image) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %s
                spec:
                  replicas: 2
                  selector:
                    matchLabels:
                      app: %s
                  template:
                    metadata:
                      labels:
                        app: %s
                    spec:
                      containers:
                        - name: %s
                          image: %s
                """.formatted(name, name, name, name, image);
    }

    /** A deployment with {@code n} containers on {@code :latest}: n distinct latest-tag findings. */
    static String manyLatest(String name, int n, String padding) {
        StringBuilder b = new StringBuilder(deployment(name, "busybox:1.36"));
        for (int i = 0; i < n; i++) {
            b.append("        - name: c").append(i).append(padding).append('\n')
                    .append("          image: busybox:latest\n");
        }
        return b.toString();
    }

    /** Base layout: two plain apps, a kustomize overlay over a base, a helm chart. */
    static void baseLayout(GitRepo repo) throws IOException {
        repo.write(".guardrails.yaml", POLICY)
                .write("apps/web/deployment.yaml", deployment("web", "nginx:1.25"))
                .write("apps/api/deployment.yaml", deployment("api", "nginx:1.25"))
                .write("kustomize/base/kustomization.yaml", "resources:\n  - deployment.yaml\n")
                .write("kustomize/base/deployment.yaml", deployment("shop", "nginx:1.25"))
                .write("kustomize/overlays/prod/kustomization.yaml", "resources:\n  - ../../base\nnamePrefix: prod-\n")
                .write("charts/cart/Chart.yaml", "apiVersion: v2\nname: cart\nversion: 0.1.0\n")
                .write("charts/cart/values.yaml", "image: nginx:1.25\n")
                .write("charts/cart/templates/deployment.yaml", deployment("cart", "{{ .Values.image }}"));
    }

    /** 1-based line of the first occurrence of {@code text} in a file's content. */
    static int lineOf(String content, String text) {
        int at = content.indexOf(text);
        if (at < 0) {
            throw new IllegalArgumentException(text + " not in content");
        }
        return (int) content.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    static KeyPair rsa() throws NoSuchAlgorithmException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    /** The key as GitHub hands it out: PKCS#1, "BEGIN RSA PRIVATE KEY". */
    static String pkcs1Pem(KeyPair keys) {
        byte[] pkcs8 = keys.getPrivate().getEncoded();
        // PKCS#8 of an RSA key = fixed 26-byte header (for keys of this size) + the PKCS#1 structure.
        byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
        return "-----BEGIN RSA PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pkcs1)
                + "\n-----END RSA PRIVATE KEY-----\n";
    }

    static String pkcs8Pem(KeyPair keys) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    static ForgeClients appClients(String apiUrl, Path keyFile, boolean commitStatus) {
        return new ForgeClients(new GitHubSettings(apiUrl, null, null, "12345", keyFile.toString(), commitStatus),
                new GitLabSettings(null, null, null), new ReviewSettings(null, null, null), FAST, Clock.systemUTC());
    }

    static ForgeClients gitlabClients(String apiUrl, String token) {
        return new ForgeClients(new GitHubSettings(null, null, null, null, null, false),
                new GitLabSettings(apiUrl, null, token), new ReviewSettings(null, null, null), FAST, Clock.systemUTC());
    }

    static ReviewService service(ForgeClients clients) {
        return new ReviewService(clients, Engines.create(), new ScanOptions(null, 2, Clock.systemUTC()));
    }

    /** Review work directories currently in the temp dir (they must not outlive a review). */
    static List<Path> reviewDirs() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("guardrails-review-")).sorted().toList();
        }
    }
}
