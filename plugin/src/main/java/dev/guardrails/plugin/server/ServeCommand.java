package dev.guardrails.plugin.server;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code guardrails serve}: the resident HTTP server (CMP fast path, health). Binds loopback unless
 * told otherwise: in the repo-server pod only the CMP sidecar needs to reach it.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the HTTP server: POST /api/v1/cmp/generate (Argo CD plugin fast path), GET /health.")
public final class ServeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Value("${micronaut.server.host:127.0.0.1}")
    String configuredHost;

    @Value("${micronaut.server.port:8080}")
    int configuredPort;

    @Option(names = "--host", paramLabel = "ADDR", description = "Bind address. Default: micronaut.server.host, else 127.0.0.1.")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "Port. Default: micronaut.server.port, else 8080.")
    Integer port;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("micronaut.server.host", host != null ? host : configuredHost);
        props.put("micronaut.server.port", port != null ? port : configuredPort);
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "guardrails-shutdown"));
        spec.commandLine().getErr().println("guardrails: serving on " + server.getURL());
        spec.commandLine().getErr().flush();
        stopped.await();
        return 0;
    }
}
