package dev.guardrails.plugin.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Stopping the context (what SIGTERM does) lets a request already being handled finish with 200,
 * while the port stops taking new connections.
 */
class GracefulShutdownTest {

    @Test
    void anInFlightRequestCompletesWhileTheServerStops() throws Exception {
        OpsTestController.entered = new CountDownLatch(1);
        OpsTestController.release = new CountDownLatch(1);
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
                Map.of("micronaut.server.port", -1, "spec.name", "ops"));
        int port = server.getPort();
        HttpClient http = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/ops-test/slow")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(OpsTestController.entered.await(30, TimeUnit.SECONDS)).as("slow request started").isTrue();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.getApplicationContext().close());
        waitUntilRefused(port);
        assertThat(stopping).as("stop waits for the in-flight request").isNotDone();

        OpsTestController.release.countDown();
        HttpResponse<String> response = inFlight.get(30, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("finished");
        stopping.get(30, TimeUnit.SECONDS);
        assertThat(server.getApplicationContext().isRunning()).isFalse();
    }

    /** Polls until the listener is closed: the server has begun its graceful shutdown. */
    private static void waitUntilRefused(int port) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("localhost", port), 1000);
            } catch (ConnectException refused) {
                return;
            } catch (IOException other) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("server kept accepting connections after stop began");
    }
}
