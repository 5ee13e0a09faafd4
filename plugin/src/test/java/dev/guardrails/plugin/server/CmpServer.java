package dev.guardrails.plugin.server;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A real server on loopback with the CMP endpoint on, laid out as in the repo-server pod: a main
 * listener, the CMP listener, the token file and argocd-cmp-server's work dir under {@code tmp}.
 */
public final class CmpServer implements AutoCloseable {

    private final EmbeddedServer server;
    private final int mainPort;
    private final int cmpPort;
    private final Path tokenFile;

    private CmpServer(EmbeddedServer server, int mainPort, int cmpPort, Path tokenFile) {
        this.server = server;
        this.mainPort = mainPort;
        this.cmpPort = cmpPort;
        this.tokenFile = tokenFile;
    }

    /** Starts with the work dir {@code tmp/_cmp_server} and the token file {@code tmp/guardrails/cmp-token}. */
    public static CmpServer start(Path tmp, Map<String, Object> overrides) {
        int main = freePort();
        int cmp = freePort();
        Path tokenFile = tmp.resolve("guardrails/cmp-token");
        Map<String, Object> props = new HashMap<>(ServeListeners.properties("127.0.0.1", main, true, cmp));
        props.put("guardrails.cmp.enabled", true);
        props.put("guardrails.cmp.port", cmp);
        props.put("guardrails.cmp.token-file", tokenFile.toString());
        props.put("guardrails.cmp.work-dir", tmp.resolve("_cmp_server").toString());
        props.putAll(overrides);
        try {
            Files.createDirectories(tmp.resolve("_cmp_server"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CmpServer(ApplicationContext.run(EmbeddedServer.class, props), main, cmp, tokenFile);
    }

    public String mainUrl() {
        return "http://127.0.0.1:" + mainPort;
    }

    public String cmpUrl() {
        return "http://127.0.0.1:" + cmpPort;
    }

    public Path tokenFile() {
        return tokenFile;
    }

    public String token() {
        try {
            return Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public EmbeddedServer server() {
        return server;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
    }
}
