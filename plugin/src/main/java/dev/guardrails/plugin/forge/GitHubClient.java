package dev.guardrails.plugin.forge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.plugin.review.Forge;
import dev.guardrails.plugin.review.ReviewRequest;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
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

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GitHubClient.class);

    /** Hidden marker identifying the bot's sticky comment. */
    public static final String MARKER = "<!-- guardrails:sticky -->";
    public static final String CHECK_NAME = "guardrails";
    /** Title of the check run / status while a review runs. */
    public static final String IN_PROGRESS = "Guardrails review in progress";
    /** GitHub rejects issue comments and check run texts longer than this. */
    public static final int MAX_BODY = 65_536;
    static final int ANNOTATIONS_PER_REQUEST = 50;
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");
    private static final int MAX_PAGES = 50;

    private final String apiBase;
    private final GitHubAuth auth;
    private final ApiHttp http;
    private final boolean commitStatus;
    /** In-progress check runs by request key, completed by {@link #publish}; bounded, oldest dropped. */
    private final Map<String, Long> runs = Collections.synchronizedMap(lru(1_000));
    /** Requests marked in progress and not yet published, so repeated marks cost nothing. */
    private final Set<String> marked = Collections.synchronizedSet(Collections.newSetFromMap(lru(1_000)));
    private volatile String selfLogin;

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
    public boolean checkRuns() {
        return auth.isApp();
    }

    @Override
    public synchronized void markInProgress(ReviewRequest request) throws ForgeApiException {
        // Synchronized: publish must see the run id of a mark still in flight, or it would leave that run in progress.
        if (!marked.add(request.key())) {
            return;
        }
        try {
            mark(request);
        } catch (ForgeApiException | RuntimeException e) {
            marked.remove(request.key());
            throw e;
        }
    }

    private void mark(ReviewRequest request) throws ForgeApiException {
        Map<String, String> headers = headers(request.repository(), request.installationId());
        String repo = "/repos/" + request.repository();
        if (auth.isApp()) {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("name", CHECK_NAME);
            run.put("head_sha", request.headSha());
            run.put("status", "in_progress");
            run.put("output", Map.of("title", IN_PROGRESS, "summary", "Rendering base and head and checking the change."));
            long id = json(http.send("POST", apiBase + repo + "/check-runs", headers, run), "POST", repo + "/check-runs")
                    .path("id").asLong(0);
            if (id > 0) {
                runs.put(request.key(), id);
            }
        }
        if (commitStatus || !auth.isApp()) {
            status(repo, request.headSha(), "pending", IN_PROGRESS, headers);
        }
    }

    @Override
    public void publish(ReviewRequest request, Publication p) throws ForgeApiException {
        Map<String, String> headers = headers(request.repository(), request.installationId());
        String repo = "/repos/" + request.repository();
        if (request.onPullRequest()) {
            upsertComment(repo, request.number(), p, headers);
            // With an App the check run's annotations already sit on the diff; a review comment is
            // added only where it offers a suggested change, which an annotation cannot.
            List<Publication.InlineComment> wanted = auth.isApp()
                    ? p.inline().stream().filter(c -> c.suggestion() != null).toList() : p.inline();
            if (!wanted.isEmpty()) {
                try {
                    inline(repo, request, wanted, auth.isApp(), headers);
                } catch (ForgeApiException e) {
                    // Inline comments add to the sticky comment; their failure must not hide the check result.
                    LOG.warn("inline comments on {} not posted: {}", request.key(), e.getMessage());
                }
            }
        }
        if (auth.isApp()) {
            checkRun(repo, request, p, headers);
        }
        if (commitStatus || !auth.isApp()) {
            String state = switch (p.verdict()) {
                case FAILURE -> "failure";
                case ERROR -> "error";
                default -> "success";
            };
            status(repo, request.headSha(), state, p.title(), headers);
        }
        marked.remove(request.key());
    }

    private void status(String repo, String sha, String state, String description, Map<String, String> headers)
            throws ForgeApiException {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("state", state);
        status.put("context", CHECK_NAME);
        status.put("description", truncate(description, 140));
        http.send("POST", apiBase + repo + "/statuses/" + sha, headers, status);
    }

    /**
     * Review comments on added lines, each finding once per pull request: comments whose findings'
     * markers are all in the bot's earlier comments are not repeated. A suggested change is placed
     * as a multi-line comment over the lines it replaces when they are in one hunk of the diff. Skipped when the
     * PR has moved past the reviewed head, since line numbers would then be wrong.
     */
    private void inline(String repo, ReviewRequest request, List<Publication.InlineComment> wanted,
                        boolean onlySuggestions, Map<String, String> headers) throws ForgeApiException {
        String pulls = repo + "/pulls/" + request.number();
        JsonNode pr = json(http.send("GET", apiBase + pulls, headers, null), "GET", pulls);
        if (!request.headSha().equals(pr.path("head").path("sha").asText())) {
            return;
        }
        Map<String, Set<Integer>> added = new HashMap<>();
        Map<String, List<DiffLines.Hunk>> hunks = new HashMap<>();
        String url = apiBase + pulls + "/files?per_page=100";
        for (int page = 0; url != null && page < MAX_PAGES; page++) {
            ApiHttp.Response r = http.send("GET", url, headers, null);
            for (JsonNode f : json(r, "GET", pulls + "/files")) {
                added.put(f.path("filename").asText(), DiffLines.added(f.path("patch").asText(null)));
                hunks.put(f.path("filename").asText(), DiffLines.hunks(f.path("patch").asText(null)));
            }
            url = next(r);
        }
        String self = selfLogin();
        Set<String> posted = new HashSet<>();
        url = apiBase + pulls + "/comments?per_page=100";
        for (int page = 0; url != null && page < MAX_PAGES; page++) {
            ApiHttp.Response r = http.send("GET", url, headers, null);
            for (JsonNode c : json(r, "GET", pulls + "/comments")) {
                if (self.equalsIgnoreCase(c.path("user").path("login").asText())) {
                    posted.add(c.path("body").asText(""));
                }
            }
            url = next(r);
        }
        for (Publication.InlineComment c : wanted) {
            if (!added.getOrDefault(c.path(), Set.of()).contains(c.line()) || c.postedIn(posted)) {
                continue;
            }
            Publication.Suggestion s = c.suggestion();
            // A suggestion replaces the commented range, which GitHub allows only within one hunk.
            boolean placed = s != null && s.fitsIn(hunks.getOrDefault(c.path(), List.of()));
            if (onlySuggestions && !placed) {
                continue;
            }
            String text = c.render(placed ? s.block(false, c.line()) : null);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("body", placed && text.length() > MAX_BODY - 1 ? c.render(null) : truncate(text, MAX_BODY - 1));
            body.put("commit_id", request.headSha());
            body.put("path", c.path());
            if (placed && s.startLine() < s.endLine()) {
                body.put("start_line", s.startLine());
                body.put("start_side", "RIGHT");
            }
            body.put("line", placed ? s.endLine() : c.line());
            body.put("side", "RIGHT");
            http.send("POST", apiBase + pulls + "/comments", headers, body, 1);
            // Each finding once: a later candidate (its template line, after its values line) is skipped.
            posted.add(text);
        }
    }

    /**
     * The login the bot's comments are posted under: the App's bot user ({@code slug[bot]}) or the
     * token's user. The sticky comment must carry the marker and be this user's, so a person quoting
     * the marker never has their comment overwritten.
     */
    String selfLogin() throws ForgeApiException {
        String known = selfLogin;
        if (known != null) {
            return known;
        }
        String login;
        if (auth.isApp()) {
            JsonNode app = json(http.send("GET", apiBase + "/app", auth.appHeaders(apiBase), null), "GET", "/app");
            String slug = app.path("slug").asText("");
            if (slug.isEmpty()) {
                throw new ForgeApiException("GET", "/app", 200, "no slug in the response", null);
            }
            login = slug + "[bot]";
        } else {
            Map<String, String> headers = headers(null, null);
            JsonNode user = json(http.send("GET", apiBase + "/user", headers, null), "GET", "/user");
            login = user.path("login").asText("");
            if (login.isEmpty()) {
                throw new ForgeApiException("GET", "/user", 200, "no login in the response", null);
            }
        }
        selfLogin = login;
        return login;
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

    /**
     * The bot's first comment carrying the marker; others (if a race created them) are left alone,
     * and so is anyone else's comment that quotes the marker.
     */
    private Optional<Long> findSticky(String repo, int number, Map<String, String> headers) throws ForgeApiException {
        String self = selfLogin();
        String url = apiBase + repo + "/issues/" + number + "/comments?per_page=100";
        for (int page = 0; url != null && page < MAX_PAGES; page++) {
            ApiHttp.Response r = http.send("GET", url, headers, null);
            for (JsonNode c : json(r, "GET", repo + "/issues/" + number + "/comments")) {
                if (c.path("body").asText("").contains(MARKER) && self.equalsIgnoreCase(c.path("user").path("login").asText())) {
                    return Optional.of(c.path("id").asLong());
                }
            }
            url = next(r);
        }
        return Optional.empty();
    }

    /** Completes the in-progress check run of this request, or creates a completed one. */
    private void checkRun(String repo, ReviewRequest request, Publication p, Map<String, String> headers)
            throws ForgeApiException {
        List<Publication.Annotation> all = p.annotations();
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("name", CHECK_NAME);
        run.put("head_sha", request.headSha());
        run.put("status", "completed");
        run.put("conclusion", p.verdict() == Publication.Verdict.ERROR ? "failure"
                : p.verdict().name().toLowerCase(Locale.ROOT));
        run.put("output", output(p, all.subList(0, Math.min(ANNOTATIONS_PER_REQUEST, all.size()))));
        Long started;
        synchronized (this) {
            started = runs.remove(request.key());
        }
        long id;
        if (started != null) {
            http.send("PATCH", apiBase + repo + "/check-runs/" + started, headers, run);
            id = started;
        } else {
            ApiHttp.Response created = http.send("POST", apiBase + repo + "/check-runs", headers, run);
            id = json(created, "POST", repo + "/check-runs").path("id").asLong();
        }
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
            JsonNode runs = body.path("check_runs");
            if (runs.isArray() && !runs.isEmpty()) {
                // A run left in progress (the server died mid-review) is no result: review again.
                for (JsonNode run : runs) {
                    if ("completed".equals(run.path("status").asText("completed"))) {
                        return true;
                    }
                }
                return false;
            }
            return body.path("total_count").asInt(0) > 0;
        }
        String path = repo + "/commits/" + request.headSha() + "/statuses";
        for (JsonNode s : json(http.send("GET", apiBase + path + "?per_page=100", headers, null), "GET", path)) {
            if (CHECK_NAME.equals(s.path("context").asText())) {
                // Newest first: a pending one means the last review never finished.
                return !"pending".equals(s.path("state").asText());
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
        if (auth.configured() && (repository != null || !auth.isApp())) {
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

    static <V> Map<String, V> lru(int max) {
        return new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
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
