package dev.guardrails.plugin.server;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
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
        description = "Run the HTTP server: webhooks, GET /health, GET /prometheus, and with guardrails.cmp.enabled "
                + "POST /api/v1/cmp/generate (Argo CD plugin fast path) on its own loopback listener.")
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

    @Value("${guardrails.cmp.enabled:false}")
    boolean cmpEnabled;

    @Value("${guardrails.cmp.port:8081}")
    int cmpPort;

    @Option(names = "--without-cmp", description = "Never serve the CMP endpoint, whatever guardrails.cmp.enabled says "
            + "(the PR-bot deployment).")
    boolean withoutCmp;

    @Override
    public Integer call() throws InterruptedException {
        injectConfiguration();
        boolean cmp = cmpEnabled && !withoutCmp;
        Map<String, Object> props = new LinkedHashMap<>(ServeListeners.properties(host != null ? host : configuredHost,
                port != null ? port : configuredPort, cmp, cmpPort));
        props.put("guardrails.cmp.enabled", cmp);
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "guardrails-shutdown"));
        // With two listeners Netty's getURL() may name either one: print the main one as configured.
        String mainHost = host != null ? host : configuredHost;
        String main = cmp ? "http://" + (mainHost.contains(":") ? "[" + mainHost + "]" : mainHost) + ":"
                + (port != null ? port : configuredPort) : server.getURL().toString();
        spec.commandLine().getErr().println("guardrails: serving on " + main
                + (cmp ? "; CMP endpoint on http://" + ServeListeners.CMP_HOST + ":" + cmpPort : ""));
        spec.commandLine().getErr().flush();
        stopped.await();
        return 0;
    }

    /**
     * Fills the {@code @Value} fields from the configuration (application.yml, environment variables,
     * system properties), resolved by the same kind of context that used to build every command: the
     * CLI runs without Micronaut (see GuardrailsCommand.run), so picocli made this instance without them.
     */
    void injectConfiguration() {
        try (ApplicationContext config = ApplicationContext.builder(ServeCommand.class, Environment.CLI).start()) {
            config.inject(this);
        }
    }
}
