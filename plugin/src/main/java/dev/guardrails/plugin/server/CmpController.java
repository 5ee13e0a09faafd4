package dev.guardrails.plugin.server;

import dev.guardrails.plugin.cmp.CmpGenerator;
import dev.guardrails.plugin.cmp.CmpOutcome;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CMP fast path: the sidecar's {@code generate.sh} posts the app dir and its environment here
 * instead of starting a JVM per render. Answers with exactly what {@code guardrails cmp generate}
 * would print: manifests (200, text/yaml) or its stderr text (422, text/plain).
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class CmpController {

    static final MediaType YAML = MediaType.of("text/yaml");

    private final CmpGenerator generator;
    private final List<Path> allowedRoots;

    public CmpController(CmpGenerator generator,
                         @Value("${guardrails.cmp.allowed-roots:/tmp}") List<String> allowedRoots) {
        this.generator = generator;
        List<Path> roots = new ArrayList<>();
        for (String r : allowedRoots) {
            Path p = Path.of(r.strip()).toAbsolutePath().normalize();
            try {
                p = p.toRealPath();
            } catch (IOException e) {
                // a root that does not exist yet still bounds requests by its normalized path
            }
            roots.add(p);
        }
        this.allowedRoots = List.copyOf(roots);
    }

    @Post(uri = "/api/v1/cmp/generate", consumes = MediaType.APPLICATION_JSON)
    @Produces({"text/yaml", MediaType.TEXT_PLAIN})
    public HttpResponse<String> generate(@Body GenerateRequest request, HttpRequest<?> http) {
        if (request == null || request.dir() == null || request.dir().isBlank()) {
            return bad("guardrails: request needs \"dir\": the absolute app directory");
        }
        Path dir = Path.of(request.dir());
        if (!dir.isAbsolute()) {
            return bad("guardrails: \"dir\" must be absolute, got '" + request.dir() + "'");
        }
        Path real;
        try {
            real = dir.toRealPath();
        } catch (IOException e) {
            return bad("guardrails: directory '" + request.dir() + "' does not exist on the server; "
                    + "the sidecar and the server must share the cmp-tmp volume");
        }
        if (!Files.isDirectory(real) || allowedRoots.stream().noneMatch(real::startsWith)) {
            return bad("guardrails: directory '" + request.dir() + "' is not under an allowed root "
                    + allowedRoots + " (guardrails.cmp.allowed-roots)");
        }
        Map<String, String> env = new LinkedHashMap<>();
        if (request.env() != null) {
            request.env().forEach((k, v) -> {
                if (k != null && v != null && (k.startsWith("ARGOCD_") || k.startsWith("KUBE_"))) {
                    env.put(k, v);
                }
            });
        }
        CmpOutcome outcome;
        try (ClientGone gone = ClientGone.watch(http)) {
            outcome = generator.generate(real, env);
            if (gone.fired()) {
                // Nobody is listening: the render was interrupted (its helm/kustomize tree killed).
                return HttpResponse.<String>status(io.micronaut.http.HttpStatus.REQUEST_TIMEOUT)
                        .body("guardrails: client disconnected; generate abandoned\n").contentType(MediaType.TEXT_PLAIN_TYPE);
            }
        }
        if (outcome.ok()) {
            return HttpResponse.ok(outcome.manifests()).contentType(YAML);
        }
        return HttpResponse.<String>status(io.micronaut.http.HttpStatus.UNPROCESSABLE_ENTITY)
                .body(outcome.messages() + "\n").contentType(MediaType.TEXT_PLAIN_TYPE);
    }

    /**
     * Interrupts the request's worker thread when the client's connection closes, so a sidecar that
     * gave up (Argo CD's timeout, a killed repo-server) does not leave helm or kustomize running
     * for nobody: the process runner kills the child tree on interrupt and the engine stops.
     */
    static final class ClientGone implements AutoCloseable {
        private final Thread worker = Thread.currentThread();
        private final io.netty.channel.Channel channel;
        private final io.netty.util.concurrent.GenericFutureListener<io.netty.util.concurrent.Future<? super Void>> listener;
        private boolean done;
        private boolean fired;

        private ClientGone(io.netty.channel.Channel channel) {
            this.channel = channel;
            this.listener = f -> fire();
            if (channel != null) {
                channel.closeFuture().addListener(listener);
            }
        }

        static ClientGone watch(HttpRequest<?> request) {
            return new ClientGone(request instanceof io.micronaut.http.server.netty.NettyHttpRequest<?> n
                    ? n.getChannelHandlerContext().channel() : null);
        }

        private synchronized void fire() {
            if (!done) {
                fired = true;
                worker.interrupt();
            }
        }

        synchronized boolean fired() {
            return fired;
        }

        @Override
        public void close() {
            synchronized (this) {
                done = true;
            }
            if (channel != null) {
                channel.closeFuture().removeListener(listener);
            }
            if (fired()) {
                Thread.interrupted(); // our own interrupt: the pool thread goes back clean
            }
        }
    }

    @Get(uri = "/health", produces = MediaType.TEXT_PLAIN)
    public String health() {
        return "ok\n";
    }

    private static HttpResponse<String> bad(String message) {
        return HttpResponse.<String>badRequest(message + "\n").contentType(MediaType.TEXT_PLAIN_TYPE);
    }
}
