package dev.guardrails.plugin.server;

import dev.guardrails.plugin.cmp.CmpGenerator;
import dev.guardrails.plugin.cmp.CmpOutcome;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Map;

/**
 * The CMP fast path: the sidecar's {@code generate.sh} posts the app dir and its environment here
 * instead of starting a JVM per render. Answers with exactly what {@code guardrails cmp generate}
 * would print: manifests (200, text/yaml) or its stderr text (422, text/plain).
 *
 * <p>Only present with {@code guardrails.cmp.enabled=true}, and then reachable only on its own
 * loopback listener with the shared token ({@link CmpAccessFilter}). The repo root is not taken from
 * the request: it is the per-request directory argocd-cmp-server created in its work directory
 * ({@code guardrails.cmp.work-dir}/&lt;id&gt;), and {@code ARGOCD_APP_SOURCE_PATH} is set from where the
 * app dir lies in it, so no request can widen it. Every unusable {@code dir} gets the same answer,
 * whether or not the path exists.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(property = "guardrails.cmp.enabled", value = "true")
public class CmpController {

    static final MediaType YAML = MediaType.of("text/yaml");
    static final String NOT_A_WORK_DIR = "guardrails: \"dir\" is not an app directory inside the Argo CD CMP work "
            + "directory (guardrails.cmp.work-dir); the sidecar and the server must share its volume";

    private final CmpGenerator generator;
    private final CmpSettings settings;

    public CmpController(CmpGenerator generator, CmpSettings settings) {
        this.generator = generator;
        this.settings = settings;
    }

    @Post(uri = "/api/v1/cmp/generate", consumes = MediaType.APPLICATION_JSON)
    @Produces({"text/yaml", MediaType.TEXT_PLAIN})
    public HttpResponse<String> generate(@Body GenerateRequest request, HttpRequest<?> http) {
        if (request == null || request.dir() == null || request.dir().isBlank()) {
            return bad("guardrails: request needs \"dir\": the absolute app directory");
        }
        Optional<Path[]> located = locate(request.dir());
        if (located.isEmpty()) {
            return bad(NOT_A_WORK_DIR);
        }
        Path repoRoot = located.get()[0];
        Path appDir = located.get()[1];
        Map<String, String> env = new LinkedHashMap<>();
        if (request.env() != null) {
            request.env().forEach((k, v) -> {
                if (k != null && v != null && (k.startsWith("ARGOCD_") || k.startsWith("KUBE_"))) {
                    env.put(k, v);
                }
            });
        }
        String sourcePath = repoRoot.relativize(appDir).toString().replace('\\', '/');
        env.put("ARGOCD_APP_SOURCE_PATH", sourcePath.isEmpty() ? "." : sourcePath);
        CmpOutcome outcome;
        try (ClientGone gone = ClientGone.watch(http)) {
            outcome = generator.generate(appDir, env);
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

    /** The repo root and app dir (real paths), or empty for anything that is not inside a CMP request dir. */
    private Optional<Path[]> locate(String dir) {
        try {
            Path given = Path.of(dir);
            if (!given.isAbsolute()) {
                return Optional.empty();
            }
            Path workDir = settings.workDirOrDefault().toRealPath();
            Path real = given.toRealPath();
            if (!Files.isDirectory(real) || !real.startsWith(workDir) || real.getNameCount() <= workDir.getNameCount()) {
                return Optional.empty();
            }
            Path repoRoot = workDir.resolve(real.getName(workDir.getNameCount()));
            return Optional.of(new Path[] {repoRoot, real});
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static HttpResponse<String> bad(String message) {
        return HttpResponse.<String>badRequest(message + "\n").contentType(MediaType.TEXT_PLAIN_TYPE);
    }
}
