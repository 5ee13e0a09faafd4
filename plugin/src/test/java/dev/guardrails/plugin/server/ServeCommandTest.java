package dev.guardrails.plugin.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.plugin.cli.ChildCli;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code guardrails serve} in its own JVM still takes its listeners from the configuration, now that
 * the CLI no longer starts a Micronaut context for every command: application.yml (its
 * {@code GUARDRAILS_PORT} placeholder), Micronaut's environment variables and {@code -D} properties.
 */
class ServeCommandTest {

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void portsAndCmpSwitchComeFromApplicationYmlEnvironmentAndSystemProperties() throws Exception {
        int port = freePort();
        int cmpPort = freePort();
        Path token = tmp.resolve("guardrails/cmp-token");
        ChildCli serve = ChildCli.start(tmp, tmp,
                Map.of("GUARDRAILS_PORT", String.valueOf(port), // application.yml: port: ${GUARDRAILS_PORT:8080}
                        "GUARDRAILS_CMP_ENABLED", "true", "GUARDRAILS_CMP_TOKEN_FILE", token.toString()),
                List.of("-Dguardrails.cmp.port=" + cmpPort), "serve");
        try {
            awaitServing(serve);
            // Both listeners named as configured (Netty's getURL() may pick either with two).
            assertThat(serve.stderr()).contains("guardrails: serving on http://127.0.0.1:" + port
                    + "; CMP endpoint on http://127.0.0.1:" + cmpPort);
            assertThat(get("http://127.0.0.1:" + port + "/health").statusCode()).isEqualTo(200);
            // The CMP listener is up and guarded by the token the server created.
            HttpResponse<String> cmp = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cmpPort
                            + "/api/v1/cmp/generate")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"dir\":\"/nowhere\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(cmp.statusCode()).isEqualTo(401);
            assertThat(Files.readString(token).strip()).hasSize(64);
        } finally {
            stop(serve);
        }
        // serve is the one command that starts Micronaut: the check CliWithoutContextTest relies on can fail.
        assertThat(serve.loaded(ChildCli.CONTEXT_CLASS)).isTrue();
    }

    @Test
    void micronautEnvironmentVariableSetsThePortAndFlagsOverrideIt() throws Exception {
        int port = freePort();
        ChildCli serve = ChildCli.start(tmp, tmp, Map.of("MICRONAUT_SERVER_PORT", String.valueOf(port),
                "GUARDRAILS_PORT", "1"), List.of(), "serve");
        try {
            awaitServing(serve);
            assertThat(serve.stderr()).contains("guardrails: serving on http://127.0.0.1:" + port)
                    .doesNotContain("CMP endpoint");
            assertThat(get("http://127.0.0.1:" + port + "/health").statusCode()).isEqualTo(200);
        } finally {
            stop(serve);
        }
        int flagPort = freePort();
        ChildCli flagged = ChildCli.start(tmp, tmp, Map.of("MICRONAUT_SERVER_PORT", String.valueOf(port)), List.of(),
                "serve", "--port", String.valueOf(flagPort));
        try {
            awaitServing(flagged);
            assertThat(flagged.stderr()).contains("guardrails: serving on http://127.0.0.1:" + flagPort);
        } finally {
            stop(flagged);
        }
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitServing(ChildCli serve) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(120);
        while (!serve.stderr().contains("guardrails: serving on")) {
            if (!serve.process().isAlive() || Instant.now().isAfter(deadline)) {
                throw new AssertionError("serve did not start: " + serve.stderr());
            }
            Thread.sleep(100);
        }
    }

    /** SIGTERM, as Kubernetes stops it: the shutdown hook stops the server and the command returns. */
    private static void stop(ChildCli serve) throws InterruptedException {
        serve.process().destroy();
        if (!serve.process().waitFor(60, TimeUnit.SECONDS)) {
            serve.process().destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
