package dev.guardrails.plugin.forge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON over HTTPS for the forge clients, with the retry rules of {@link RetryPolicy}: 5xx,
 * timeouts and connection errors are retried with backoff (honouring {@code Retry-After});
 * GitHub's primary rate limit ({@code x-ratelimit-remaining: 0}) waits until
 * {@code x-ratelimit-reset}, its secondary limit and 429s wait {@code Retry-After}; any other 4xx
 * fails at once. Messages name method, path and status only.
 */
public final class ApiHttp {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHttp.class);
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DETAIL = 200;

    /** Blocks the calling thread; tests may count instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** A successful response. */
    public record Response(int status, HttpHeaders headers, String body) {

        public JsonNode json() throws IOException {
            return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    private final HttpClient client;
    private final RetryPolicy policy;
    private final Clock clock;
    private final Sleeper sleeper;

    public ApiHttp(RetryPolicy policy) {
        this(HttpClient.newBuilder().connectTimeout(policy.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build(), policy, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
    }

    public ApiHttp(HttpClient client, RetryPolicy policy, Clock clock, Sleeper sleeper) {
        this.client = client;
        this.policy = policy;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public RetryPolicy policy() {
        return policy;
    }

    /** Sends with the policy's attempts. */
    public Response send(String method, String url, Map<String, String> headers, Object body) throws ForgeApiException {
        return send(method, url, headers, body, policy.maxAttempts());
    }

    /**
     * Sends a request and returns a 2xx response.
     *
     * @param body        serialised as JSON when not null
     * @param maxAttempts 1 for calls the caller retries itself (non-idempotent creates)
     */
    public Response send(String method, String url, Map<String, String> headers, Object body, int maxAttempts)
            throws ForgeApiException {
        URI uri = URI.create(url);
        String path = uri.getRawPath();
        String payload;
        try {
            payload = body == null ? null : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new ForgeApiException(method, path, 0, "cannot encode the request body", e);
        }
        int attempts = Math.max(1, Math.min(maxAttempts, policy.maxAttempts()));
        for (int attempt = 1; ; attempt++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(policy.requestTimeout())
                    .header("User-Agent", "gitops-guardrails");
            if (!headers.containsKey("Accept")) {
                b.header("Accept", "application/json");
            }
            headers.forEach(b::header);
            if (payload != null) {
                b.header("Content-Type", "application/json");
                b.method(method, HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response;
            try {
                response = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // The exception text may carry the URL; keep only its type.
                if (attempt >= attempts) {
                    throw new ForgeApiException(method, path, 0, e.getClass().getSimpleName(), null);
                }
                LOG.info("{} {}: {}, retrying (attempt {} of {})", method, path, e.getClass().getSimpleName(),
                        attempt, attempts);
                pause(method, path, backoff(attempt));
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ForgeApiException(method, path, 0, "interrupted", null);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new Response(status, response.headers(), response.body());
            }
            Optional<Duration> limitWait = rateLimitWait(status, response.headers());
            boolean retryable = limitWait.isPresent() || status >= 500 || status == 429;
            if (!retryable || attempt >= attempts) {
                throw new ForgeApiException(method, path, status, detail(response.body()), null);
            }
            int tried = attempt;
            Duration wait = limitWait.orElseGet(() -> max(backoff(tried),
                    retryAfter(response.headers()).orElse(Duration.ZERO)));
            if (wait.compareTo(policy.maxRateLimitWait()) > 0) {
                throw new ForgeApiException(method, path, status,
                        "rate limited for " + wait.toSeconds() + "s, longer than the configured wait", null);
            }
            LOG.info("{} {}: HTTP {}, retrying in {} ms (attempt {} of {})", method, path, status, wait.toMillis(),
                    attempt, attempts);
            pause(method, path, wait);
        }
    }

    /** How long GitHub/GitLab ask us to wait, when the response is a rate-limit refusal. */
    private Optional<Duration> rateLimitWait(int status, HttpHeaders headers) {
        if (status != 403 && status != 429) {
            return Optional.empty();
        }
        Optional<Duration> retryAfter = retryAfter(headers);
        if (retryAfter.isPresent()) {
            return retryAfter;
        }
        String remaining = headers.firstValue("x-ratelimit-remaining")
                .or(() -> headers.firstValue("ratelimit-remaining")).orElse(null);
        if ("0".equals(remaining == null ? null : remaining.trim())) {
            Optional<String> reset = headers.firstValue("x-ratelimit-reset").or(() -> headers.firstValue("ratelimit-reset"));
            long nowSeconds = clock.instant().getEpochSecond();
            long resetAt = reset.map(ApiHttp::parseLong).orElse(nowSeconds + 60);
            // One second of slack: the reset is rounded down to whole seconds.
            return Optional.of(Duration.ofSeconds(Math.max(0, resetAt - nowSeconds) + 1));
        }
        return Optional.empty();
    }

    private static Optional<Duration> retryAfter(HttpHeaders headers) {
        return headers.firstValue("retry-after").map(ApiHttp::parseLong).filter(s -> s >= 0).map(Duration::ofSeconds);
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Duration backoff(int attempt) {
        long base = policy.baseDelay().toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, policy.maxDelay().toMillis());
        long half = capped / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private void pause(String method, String path, Duration d) throws ForgeApiException {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ForgeApiException(method, path, 0, "interrupted", e);
        }
    }

    /** The API's own error message, if the body has one; bounded and single-line. */
    private static String detail(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode n = JSON.readTree(body);
            String msg = n.path("message").asText(n.path("error").asText(""));
            msg = msg.replaceAll("\\s+", " ").strip();
            return msg.length() > MAX_DETAIL ? msg.substring(0, MAX_DETAIL) + "…" : msg;
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
