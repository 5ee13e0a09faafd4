package dev.guardrails.plugin.cmp;

import static dev.guardrails.plugin.cmp.CmpTestSupport.argoEnv;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.guardrails.plugin.engine.Engines;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cmp generate} fails closed: unrendered Jsonnet blocks in enforce, warn-mode annotations
 * reach every object that has findings (namespaced or not), the summary says what was checked, and
 * a client that disconnects from the server path stops the work it asked for.
 */
class CmpFailClosedTest {

    @TempDir
    Path tmp;

    private final CmpGenerator generator = new CmpGenerator(Engines.create(), Clock.systemUTC());

    private Path write(String path, String text) throws IOException {
        Path p = tmp.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private static List<ObjectNode> parse(String yaml) throws IOException {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
        List<ObjectNode> out = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(yaml)) {
            for (JsonNode n : (Iterable<JsonNode>) () -> {
                try {
                    return mapper.readValues(parser, JsonNode.class);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }) {
                if (n instanceof ObjectNode o) {
                    out.add(o);
                }
            }
        }
        return out;
    }

    private static final String POD_NO_NAMESPACE = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
            spec:
              hostNetwork: true
              containers:
                - name: web
                  image: nginx:1.27
            """;

    @Test
    void warnModeAnnotatesObjectsWithoutANamespace() throws Exception {
        write("repo/app/pod.yaml", POD_NO_NAMESPACE);
        CmpOutcome out = generator.generate(tmp.resolve("repo/app"), argoEnv("web", "shop", "app",
                "[{\"name\":\"mode\",\"string\":\"warn\"}]"));
        assertThat(out.exitCode()).isZero();
        ObjectNode pod = parse(out.manifests()).get(0);
        String annotation = pod.path("metadata").path("annotations").path(CmpGenerator.FINDINGS_ANNOTATION).asText("");
        assertThat(annotation).contains("host-network: ");
        // The summary's annotated count and the annotations agree.
        assertThat(out.messages()).containsPattern("1 objects, \\d+ findings \\(\\d+ annotated\\)");
        // And the object is emitted as written: no namespace added.
        assertThat(pod.path("metadata").has("namespace")).isFalse();
    }

    @Test
    void warnModeStillAnnotatesObjectsWithAnExplicitNamespace() throws Exception {
        write("repo/app/pod.yaml", POD_NO_NAMESPACE.replace("  name: web\n", "  name: web\n  namespace: other\n"));
        CmpOutcome out = generator.generate(tmp.resolve("repo/app"), argoEnv("web", "shop", "app",
                "[{\"name\":\"mode\",\"string\":\"warn\"}]"));
        ObjectNode pod = parse(out.manifests()).get(0);
        assertThat(pod.path("metadata").path("annotations").path(CmpGenerator.FINDINGS_ANNOTATION).asText(""))
                .contains("host-network: ");
    }

    @Test
    void jsonnetInTheAppBlocksInEnforce() throws Exception {
        write("repo/app/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");
        write("repo/app/privileged.jsonnet", "{ apiVersion: 'v1', kind: 'Pod', metadata: {name: 'p'} }\n");
        CmpOutcome out = generator.generate(tmp.resolve("repo/app"), argoEnv("mixed", "shop", "app",
                "[{\"name\":\"mode\",\"string\":\"enforce\"}]"));
        assertThat(out.exitCode()).isEqualTo(1);
        assertThat(out.status()).isEqualTo(CmpOutcome.Status.BLOCKED);
        assertThat(out.manifests()).isEmpty();
        assertThat(out.messages()).contains("source-unsupported")
                .contains("Jsonnet file(s) not evaluated").contains("app/privileged.jsonnet");
    }

    @Test
    void jsonnetInWarnModeIsAnnotatedAndTheSummarySaysCoverageIsIncomplete() throws Exception {
        write("repo/app/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");
        write("repo/app/extra.jsonnet", "{}\n");
        CmpOutcome out = generator.generate(tmp.resolve("repo/app"), argoEnv("mixed", "shop", "app",
                "[{\"name\":\"mode\",\"string\":\"warn\"}]"));
        assertThat(out.exitCode()).isZero();
        assertThat(out.messages()).contains("coverage: incomplete (source-unsupported: 1 Jsonnet file(s) not evaluated");
    }

    @Test
    void cleanAppSummarySaysRenderedAndChecked() throws Exception {
        write("repo/app/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");
        CmpOutcome out = generator.generate(tmp.resolve("repo/app"), argoEnv("cm", "shop", "app",
                "[{\"name\":\"mode\",\"string\":\"warn\"}]"));
        assertThat(out.exitCode()).isZero();
        assertThat(out.messages()).contains("coverage: rendered and checked");
    }

    @Test
    void emptyAppIsRefusedAndAllowEmptyOutputsNothingWithoutBlocking() throws Exception {
        write("repo/app/nothing.yaml", "# nothing here\n");
        CmpOutcome refused = generator.generate(tmp.resolve("repo/app"), argoEnv("empty", "shop", "app", null));
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.status()).isEqualTo(CmpOutcome.Status.EMPTY);
        CmpOutcome allowed = generator.generate(tmp.resolve("repo/app"), argoEnv("empty", "shop", "app",
                "[{\"name\":\"allow-empty\",\"string\":\"true\"}]"));
        assertThat(allowed.exitCode()).isZero();
        assertThat(allowed.manifests()).isEmpty();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aClientThatDisconnectsStopsTheRenderItAskedFor() throws Exception {
        Path root = tmp.resolve("_cmp_server");
        Path chart = root.resolve("repo/chart");
        Files.createDirectories(chart.resolve("templates"));
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: endless\nversion: 0.1.0\n");
        Files.writeString(chart.resolve("templates/cm.yaml"),
                // Ten billion steps in small slices: slow, but well under the memory cap.
                "{{- range $i := until 100000 }}{{- range $j := until 100000 }}{{- end }}{{- end }}\n"
                        + "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n");
        // helm runs as `helm template . --name-template <release>`: a unique release name finds it.
        String marker = "endless" + Long.toHexString(System.nanoTime());
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.host", "127.0.0.1",
                "micronaut.server.port", -1,
                "guardrails.cmp.allowed-roots", root.toString()))) {
            Map<String, String> env = argoEnv(marker, "shop", "chart", null);
            String body = new ObjectMapper().writeValueAsString(Map.of("dir", chart.toRealPath().toString(), "env", env));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/v1/cmp/generate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.flush();
                // Wait until helm is running for this request, then hang up like a timed-out sidecar.
                awaitHelm(marker, true);
            }
            awaitHelm(marker, false);
        }
    }

    /** Waits until a helm process rendering {@code marker} is running ({@code running}) or gone. */
    private static void awaitHelm(String marker, boolean running) throws InterruptedException {
        for (int i = 0; i < 200; i++) { // 20 s: well under the 60 s render timeout that would also end it
            boolean seen = ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine()
                    .map(c -> c.contains("helm") && c.contains("template") && c.contains(marker)).orElse(false)
                    || p.info().arguments().map(a -> String.join(" ", a)).map(a -> a.contains("template")
                    && a.contains(marker)).orElse(false));
            if (seen == running) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("helm for " + marker + (running ? " never started" : " still running after the client left"));
    }
}
