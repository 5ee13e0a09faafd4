package dev.guardrails.plugin.forge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.plugin.review.Forge;
import dev.guardrails.plugin.review.ReviewRequest;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub and GitHub Enterprise REST API ({@code https://HOST/api/v3}). Publishes one sticky issue
 * comment per PR (found by {@link #MARKER}, edited in place), a check run named
 * {@value #CHECK_NAME} per head SHA with up to 50 annotations per request, and optionally a commit
 * status. Check runs need App authentication; with a plain token a commit status is set instead.
 */
public final class GitHubClient implements ForgeClient {

    /** Hidden marker identifying the bot's sticky comment. */
    public static final String MARKER = "<!-- guardrails:sticky -->";
    public static final String CHECK_NAME = "guardrails";
    /** GitHub rejects issue comments and check run texts longer than this. */
    public static final int MAX_BODY = 65_536;
    static final int ANNOTATIONS_PER_REQUEST = 50;
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");
    private static final int MAX_PAGES = 50;

    private final String apiBase;
    private final GitHubAuth auth;
    private final ApiHttp http;
    private final boolean commitStatus;

    public GitHubClient(String apiBase, GitHubAuth auth, ApiHttp http, boolean commitStatus) {
        this.apiBase = apiBase.replaceAll("/+$", "");
        this.auth = auth;
        this.http = http;
        this.commitStatus = commitStatus;
    }

    @Override
    public Forge forge() {
        return Forge.GITHUB;
    }

    @Override
    public String apiBaseUrl() {
        return apiBase;
    }

    @Override
    public String gitUser() {
        return "x-access-token";
    }

    @Override
    public Optional<String> gitToken(ReviewRequest request) throws ForgeApiException {
        if (!auth.configured()) {
            return Optional.empty();
        }
        return Optional.of(auth.accessToken(http, apiBase, request.repository(), request.installationId()));
    }

    @Override
    public String headRef(int number) {
        return "refs/pull/" + number + "/head";
    }

    @Override
    public void publish(ReviewRequest request, Publication p) throws ForgeApiException {
        Map<String, String> headers = headers(request.repository(), request.installationId());
        String repo = "/repos/" + request.repository();
        upsertComment(repo, request.number(), p, headers);
        if (auth.isApp()) {
            checkRun(repo, request.headSha(), p, headers);
        }
        if (commitStatus || !auth.isApp()) {
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("state", p.verdict() == Publication.Verdict.FAILURE ? "failure" : "success");
            status.put("context", CHECK_NAME);
            status.put("description", truncate(p.title(), 140));
            http.send("POST", apiBase + repo + "/statuses/" + request.headSha(), headers, status);
        }
    }

    private void upsertComment(String repo, int number, Publication p, Map<String, String> headers)
            throws ForgeApiException {
        String body = truncate(p.comment(), MAX_BODY - 1);
        int attempts = http.policy().maxAttempts();
        for (int attempt = 1; ; attempt++) {
            Optional<Long> existing = findSticky(repo, number, headers);
            if (existing.isPresent()) {
                http.send("PATCH", apiBase + repo + "/issues/comments/" + existing.get(), headers, Map.of("body", body));
                return;
            }
            if (!p.createComment()) {
                return;
            }
            try {
                // Not retried blindly: a create that failed with a 5xx may still have happened, so
                // the loop looks for the marker again before posting a second time.
                http.send("POST", apiBase + repo + "/issues/" + number + "/comments", headers, Map.of("body", body), 1);
                return;
            } catch (ForgeApiException e) {
                if (!e.transientFailure() || attempt >= attempts) {
                    throw e;
                }
            }
        }
    }

    /** The first comment carrying the marker; others (if a race created them) are left alone. */
    private Optional<Long> findSticky(String repo, int number, Map<String, String> headers) throws ForgeApiException {
        String url = apiBase + repo + "/issues/" + number + "/comments?per_page=100";
        for (int page = 0; url != null && page < MAX_PAGES; page++) {
            ApiHttp.Response r = http.send("GET", url, headers, null);
            for (JsonNode c : json(r, "GET", repo + "/issues/" + number + "/comments")) {
                if (c.path("body").asText("").contains(MARKER)) {
                    return Optional.of(c.path("id").asLong());
                }
            }
            url = next(r);
        }
        return Optional.empty();
    }

    private void checkRun(String repo, String sha, Publication p, Map<String, String> headers)
            throws ForgeApiException {
        List<Publication.Annotation> all = p.annotations();
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("name", CHECK_NAME);
        run.put("head_sha", sha);
        run.put("status", "completed");
        run.put("conclusion", p.verdict().name().toLowerCase(Locale.ROOT));
        run.put("output", output(p, all.subList(0, Math.min(ANNOTATIONS_PER_REQUEST, all.size()))));
        ApiHttp.Response created = http.send("POST", apiBase + repo + "/check-runs", headers, run);
        long id = json(created, "POST", repo + "/check-runs").path("id").asLong();
        for (int from = ANNOTATIONS_PER_REQUEST; from < all.size(); from += ANNOTATIONS_PER_REQUEST) {
            List<Publication.Annotation> batch = all.subList(from, Math.min(from + ANNOTATIONS_PER_REQUEST, all.size()));
            http.send("PATCH", apiBase + repo + "/check-runs/" + id, headers, Map.of("output", output(p, batch)));
        }
    }

    private static Map<String, Object> output(Publication p, List<Publication.Annotation> batch) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("title", truncate(p.title(), 1_000));
        out.put("summary", truncate(p.summary(), MAX_BODY - 1));
        List<Map<String, Object>> annotations = new ArrayList<>();
        for (Publication.Annotation a : batch) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", a.path());
            m.put("start_line", a.line());
            m.put("end_line", a.line());
            m.put("annotation_level", a.level().name().toLowerCase(Locale.ROOT));
            m.put("title", truncate(a.title(), 255));
            m.put("message", truncate(a.message(), 60_000));
            annotations.add(m);
        }
        out.put("annotations", annotations);
        return out;
    }

    @Override
    public List<OpenRequest> openRequests(String repository, Long installationId) throws ForgeApiException {
        Map<String, String> headers = headers(repository, installationId);
        List<OpenRequest> out = new ArrayList<>();
        String url = apiBase + "/repos/" + repository + "/pulls?state=open&per_page=100";
        for (int page = 0; url != null && page < MAX_PAGES; page++) {
            ApiHttp.Response r = http.send("GET", url, headers, null);
            for (JsonNode pr : json(r, "GET", "/repos/" + repository + "/pulls")) {
                out.add(new OpenRequest(repository, null, pr.path("number").asInt(), pr.path("head").path("sha").asText()));
            }
            url = next(r);
        }
        return out;
    }

    @Override
    public boolean hasResult(OpenRequest request, Long installationId) throws ForgeApiException {
        Map<String, String> headers = headers(request.repository(), installationId);
        String repo = "/repos/" + request.repository();
        if (auth.isApp()) {
            String path = repo + "/commits/" + request.headSha() + "/check-runs";
            JsonNode body = json(http.send("GET", apiBase + path + "?check_name=" + CHECK_NAME + "&filter=all",
                    headers, null), "GET", path);
            return body.path("total_count").asInt(0) > 0;
        }
        String path = repo + "/commits/" + request.headSha() + "/statuses";
        for (JsonNode s : json(http.send("GET", apiBase + path + "?per_page=100", headers, null), "GET", path)) {
            if (CHECK_NAME.equals(s.path("context").asText())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Optional<ReviewRequest> fetch(String repository, String projectId, int number, Long installationId,
                                         String trigger) throws ForgeApiException {
        String path = "/repos/" + repository + "/pulls/" + number;
        ApiHttp.Response r;
        try {
            r = http.send("GET", apiBase + path, headers(repository, installationId), null);
        } catch (ForgeApiException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        JsonNode pr = json(r, "GET", path);
        if (!"open".equals(pr.path("state").asText())) {
            return Optional.empty();
        }
        JsonNode base = pr.path("base");
        JsonNode head = pr.path("head");
        String baseClone = base.path("repo").path("clone_url").asText(null);
        // A deleted fork leaves head.repo null; the head is still reachable as refs/pull/N/head.
        String headClone = head.path("repo").isObject() ? head.path("repo").path("clone_url").asText(baseClone) : baseClone;
        return Optional.of(new ReviewRequest(Forge.GITHUB, apiBase, repository, null, number,
                base.path("ref").asText(), base.path("sha").asText(null), baseClone,
                head.path("sha").asText(), headClone, installationId, trigger));
    }

    private Map<String, String> headers(String repository, Long installationId) throws ForgeApiException {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Accept", "application/vnd.github+json");
        h.put("X-GitHub-Api-Version", "2022-11-28");
        if (auth.configured()) {
            h.put("Authorization", "Bearer " + auth.accessToken(http, apiBase, repository, installationId));
        }
        return h;
    }

    /** The next page, followed only on the API host so the token never goes elsewhere. */
    private String next(ApiHttp.Response r) {
        String link = r.header("link").orElse("");
        Matcher m = NEXT_LINK.matcher(link);
        return m.find() && m.group(1).startsWith(apiBase + "/") ? m.group(1) : null;
    }

    private static JsonNode json(ApiHttp.Response r, String method, String path) throws ForgeApiException {
        try {
            return r.json();
        } catch (IOException e) {
            throw new ForgeApiException(method, path, r.status(), "response is not JSON", null);
        }
    }

    static String truncate(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "GitHubClient[" + apiBase + ", " + auth + "]";
    }
}
