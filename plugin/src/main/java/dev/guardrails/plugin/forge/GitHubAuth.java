package dev.guardrails.plugin.forge;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Credentials for GitHub API calls and HTTPS clones: a fixed token, or a GitHub App. For an App,
 * a short-lived JWT (RS256, {@code iat} 60 s in the past for clock drift, {@code exp} 9 minutes
 * ahead, {@code iss} the App id) buys an installation token, cached until a minute before it
 * expires. Tokens never appear in messages or {@link #toString()}.
 */
public final class GitHubAuth {

    private static final Duration REFRESH_MARGIN = Duration.ofMinutes(1);

    private final String token;
    private final String appId;
    private final PrivateKey appKey;
    private final Clock clock;
    private final Map<Long, Cached> installationTokens = new ConcurrentHashMap<>();
    private final Map<String, Long> installations = new ConcurrentHashMap<>();

    private record Cached(String token, Instant expiresAt) {
    }

    private GitHubAuth(String token, String appId, PrivateKey appKey, Clock clock) {
        this.token = token;
        this.appId = appId;
        this.appKey = appKey;
        this.clock = clock;
    }

    public static GitHubAuth token(String token) {
        return new GitHubAuth(Objects.requireNonNull(token), null, null, Clock.systemUTC());
    }

    public static GitHubAuth app(String appId, PrivateKey key, Clock clock) {
        return new GitHubAuth(null, Objects.requireNonNull(appId), Objects.requireNonNull(key), clock);
    }

    /** No credentials: public repos only, nothing can be published. */
    public static GitHubAuth none() {
        return new GitHubAuth(null, null, null, Clock.systemUTC());
    }

    public boolean isApp() {
        return appKey != null;
    }

    public boolean configured() {
        return token != null || appKey != null;
    }

    /** The JWT that authenticates as the App itself. */
    String jwt() throws GeneralSecurityException {
        long now = clock.instant().getEpochSecond();
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String payload = b64("{\"iat\":" + (now - 60) + ",\"exp\":" + (now + 540) + ",\"iss\":\""
                + appId.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(appKey);
        rsa.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
    }

    /**
     * The token for a repository's API calls and clones: the fixed token, or the App's installation
     * token (looking the installation up from the repository when the id is not known).
     */
    String accessToken(ApiHttp http, String apiBase, String repository, Long installationId) throws ForgeApiException {
        if (!isApp()) {
            if (token == null) {
                throw new ForgeApiException("AUTH", "/", 0, "no GitHub token or App configured", null);
            }
            return token;
        }
        long id = installationId != null ? installationId : installationOf(http, apiBase, repository);
        Cached cached = installationTokens.get(id);
        if (cached != null && clock.instant().isBefore(cached.expiresAt().minus(REFRESH_MARGIN))) {
            return cached.token();
        }
        synchronized (this) {
            cached = installationTokens.get(id);
            if (cached != null && clock.instant().isBefore(cached.expiresAt().minus(REFRESH_MARGIN))) {
                return cached.token();
            }
            ApiHttp.Response r = http.send("POST", apiBase + "/app/installations/" + id + "/access_tokens",
                    appHeaders(apiBase), null);
            JsonNode body = json(r, "POST", "/app/installations/" + id + "/access_tokens");
            String t = body.path("token").asText("");
            if (t.isEmpty()) {
                throw new ForgeApiException("POST", "/app/installations/" + id + "/access_tokens", r.status(),
                        "no token in the response", null);
            }
            Instant expires;
            try {
                expires = Instant.parse(body.path("expires_at").asText());
            } catch (RuntimeException e) {
                expires = clock.instant().plus(Duration.ofMinutes(10));
            }
            installationTokens.put(id, new Cached(t, expires));
            return t;
        }
    }

    private long installationOf(ApiHttp http, String apiBase, String repository) throws ForgeApiException {
        Long known = installations.get(repository);
        if (known != null) {
            return known;
        }
        String path = "/repos/" + repository + "/installation";
        JsonNode body = json(http.send("GET", apiBase + path, appHeaders(apiBase), null), "GET", path);
        long id = body.path("id").asLong(0);
        if (id == 0) {
            throw new ForgeApiException("GET", path, 200, "no installation id in the response", null);
        }
        installations.put(repository, id);
        return id;
    }

    Map<String, String> appHeaders(String apiBase) throws ForgeApiException {
        try {
            return Map.of("Authorization", "Bearer " + jwt(), "Accept", "application/vnd.github+json");
        } catch (GeneralSecurityException e) {
            throw new ForgeApiException("AUTH", "/app", 0, "cannot sign the App JWT: " + e.getMessage(), null);
        }
    }

    private static JsonNode json(ApiHttp.Response r, String method, String path) throws ForgeApiException {
        try {
            return r.json();
        } catch (IOException e) {
            throw new ForgeApiException(method, path, r.status(), "response is not JSON", null);
        }
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return isApp() ? "GitHubAuth[app " + appId + "]" : token != null ? "GitHubAuth[token]" : "GitHubAuth[none]";
    }
}
