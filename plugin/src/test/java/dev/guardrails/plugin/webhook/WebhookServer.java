package dev.guardrails.plugin.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guardrails.plugin.review.BoundedReviewQueue;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/** A real server on a loopback port with the fake reviewer, plus signed-delivery helpers. */
final class WebhookServer implements AutoCloseable {

    static final String ENV = "webhook-test";
    static final String SECRET = "It's a Secret to Everybody";
    static final String TOKEN = "gitlab-hook-token-3f9a";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApplicationContext context;
    private final EmbeddedServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private WebhookServer(Map<String, Object> properties) {
        context = ApplicationContext.run(properties, ENV);
        server = context.getBean(EmbeddedServer.class).start();
    }

    /** Starts with test defaults (secret, token, small retry backoff), overridden by {@code overrides}. */
    static WebhookServer start(Path stateDir, Map<String, Object> overrides) {
        Map<String, Object> p = new HashMap<>();
        p.put("micronaut.server.port", -1);
        p.put("micronaut.server.host", "127.0.0.1");
        p.put("guardrails.github.webhook-secret", SECRET);
        p.put("guardrails.github.api-url", "https://ghe.example.com/api/v3/");
        // GitHubSettings (shared contract) binds a primitive boolean without a default: see the report.
        p.put("guardrails.github.commit-status", false);
        p.put("guardrails.gitlab.webhook-token", TOKEN);
        p.put("guardrails.gitlab.api-url", "https://gitlab.example.com/api/v4");
        p.put("guardrails.review.state-dir", stateDir.toString());
        p.put("guardrails.review.retry-backoff", "5ms");
        // Payloads are real github.com/gitlab.com deliveries, while the API points at test hosts.
        p.put("guardrails.review.clone-hosts", "github.com,http://example.com/");
        p.putAll(overrides);
        return new WebhookServer(p);
    }

    String url() {
        return server.getURL().toString();
    }

    int port() {
        return server.getPort();
    }

    ApplicationContext context() {
        return context;
    }

    RecordingReviewer reviewer() {
        return context.getBean(RecordingReviewer.class);
    }

    BoundedReviewQueue queue() {
        return context.getBean(BoundedReviewQueue.class);
    }

    void awaitIdle() throws InterruptedException {
        if (!queue().awaitIdle(Duration.ofSeconds(30))) {
            throw new AssertionError("review queue did not drain");
        }
    }

    HttpResponse<String> github(String event, String delivery, byte[] body) {
        return post("/webhooks/github", body, "X-GitHub-Event", event, "X-GitHub-Delivery", delivery,
                "X-Hub-Signature-256", sign(SECRET, body));
    }

    HttpResponse<String> gitlab(String event, String uuid, byte[] body) {
        return post("/webhooks/gitlab", body, "X-Gitlab-Event", event, "X-Gitlab-Event-UUID", uuid,
                "X-Gitlab-Token", TOKEN);
    }

    /** POSTs JSON with the given header name/value pairs (null values are left out). */
    HttpResponse<String> post(String path, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("User-Agent", "GitHub-Hookshot/044aadd")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i + 1] != null) {
                request.header(headers[i], headers[i + 1]);
            }
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String sign(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(WebhookAuth.hmacSha256(secret, body));
    }

    static byte[] payload(String name) {
        try (InputStream in = WebhookServer.class.getResourceAsStream("/webhook/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test payload " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A GitHub pull_request payload moved to another PR number and head commit. */
    static byte[] pullRequest(String name, int number, String headSha) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(payload(name));
            root.put("number", number);
            ObjectNode pr = (ObjectNode) root.get("pull_request");
            pr.put("number", number);
            ((ObjectNode) pr.get("head")).put("sha", headSha);
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
