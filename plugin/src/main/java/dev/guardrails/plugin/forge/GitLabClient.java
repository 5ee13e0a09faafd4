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
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GitLab REST API v4 (gitlab.com or self-managed): one merge request note of the token's user found
 * by {@link GitHubClient#MARKER} and edited in place, diff discussions on added lines, and a commit
 * status (running while a review is under way) named
 * {@value GitHubClient#CHECK_NAME} on the head SHA. Authenticates with {@code PRIVATE-TOKEN}.
 */
public final class GitLabClient implements ForgeClient {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GitLabClient.class);

    /** GitLab notes may be up to 1,000,000 characters; keep well below. */
    public static final int MAX_BODY = 1_000_000;
    private static final int MAX_PAGES = 50;

    private final String apiBase;
    private final String token;
    private final ApiHttp http;
    private final String targetUrl;
    private final Set<String> marked = Collections.synchronizedSet(Collections.newSetFromMap(GitHubClient.lru(1_000)));
    private volatile Long selfId;

    /**
     * @param targetUrl optional link set on commit statuses (e.g. the bot's dashboard); null for none
     */
    public GitLabClient(String apiBase, String token, ApiHttp http, String targetUrl) {
        this.apiBase = apiBase.replaceAll("/+$", "");
        this.token = token;
        this.http = http;
        this.targetUrl = targetUrl;
    }

    @Override
    public Forge forge() {
        return Forge.GITLAB;
    }

    @Override
    public String apiBaseUrl() {
        return apiBase;
    }

    @Override
    public String gitUser() {
        return "oauth2";
    }

    @Override
    public Optional<String> gitToken(ReviewRequest request) {
        return Optional.ofNullable(token).filter(t -> !t.isBlank());
    }

    @Override
    public String headRef(int number) {
        return "refs/merge-requests/" + number + "/head";
    }

    @Override
    public void markInProgress(ReviewRequest request) throws ForgeApiException {
        if (!marked.add(request.key())) {
            return;
        }
        String project = "/projects/" + project(request.projectId(), request.repository());
        try {
            status(project, request.headSha(), "running", GitHubClient.IN_PROGRESS);
        } catch (ForgeApiException e) {
            // GitLab refuses a transition to the state a status already has (e.g. running twice).
            if (e.status() != 400) {
                marked.remove(request.key());
                throw e;
            }
        }
    }

    @Override
    public void publish(ReviewRequest request, Publication p) throws ForgeApiException {
        String project = "/projects/" + project(request.projectId(), request.repository());
        String mr = project + "/merge_requests/" + request.number();
        String notes = mr + "/notes";
        String body = GitHubClient.truncate(p.comment(), MAX_BODY);
        int attempts = http.policy().maxAttempts();
        for (int attempt = 1; ; attempt++) {
            Optional<Long> existing = findSticky(notes);
            if (existing.isPresent()) {
                http.send("PUT", apiBase + notes + "/" + existing.get(), headers(), Map.of("body", body));
                break;
            }
            if (!p.createComment()) {
                break;
            }
            try {
                http.send("POST", apiBase + notes, headers(), Map.of("body", body), 1);
                break;
            } catch (ForgeApiException e) {
                if (!e.transientFailure() || attempt >= attempts) {
                    throw e;
                }
            }
        }
        if (!p.inline().isEmpty()) {
            try {
                inline(mr, request, p.inline());
            } catch (ForgeApiException e) {
                // Inline comments add to the sticky comment; their failure must not hide the check result.
                LOG.warn("inline comments on {} not posted: {}", request.key(), e.getMessage());
            }
        }
        try {
            status(project, request.headSha(), p.verdict() == Publication.Verdict.FAILURE
                    || p.verdict() == Publication.Verdict.ERROR ? "failed" : "success", p.title());
        } catch (ForgeApiException e) {
            // Same state twice (a re-run with the same outcome) is refused but already shows the result.
            if (e.status() != 400) {
                throw e;
            }
        }
        marked.remove(request.key());
    }

    private void status(String project, String sha, String state, String description) throws ForgeApiException {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("state", state);
        status.put("name", GitHubClient.CHECK_NAME);
        status.put("description", GitHubClient.truncate(description, 255));
        if (targetUrl != null && !targetUrl.isBlank()) {
            status.put("target_url", targetUrl);
        }
        http.send("POST", apiBase + project + "/statuses/" + sha, headers(), status);
    }

    /**
     * Diff discussions on added lines, positioned with the MR's {@code diff_refs}; each finding once
     * per MR (a hidden marker in the bot's own notes). Skipped when the MR moved past the reviewed head.
     */
    private void inline(String mr, ReviewRequest request, List<Publication.InlineComment> wanted)
            throws ForgeApiException {
        JsonNode refs = json(http.send("GET", apiBase + mr, headers(), null), "GET", mr).path("diff_refs");
        if (!request.headSha().equals(refs.path("head_sha").asText())) {
            return;
        }
        Map<String, Set<Integer>> added = new HashMap<>();
        Map<String, List<DiffLines.Hunk>> hunks = new HashMap<>();
        Map<String, String> oldPaths = new HashMap<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            ApiHttp.Response r = http.send("GET", apiBase + mr + "/diffs?per_page=100&page=" + page, headers(), null);
            for (JsonNode d : json(r, "GET", mr + "/diffs")) {
                added.put(d.path("new_path").asText(), DiffLines.added(d.path("diff").asText(null)));
                hunks.put(d.path("new_path").asText(), DiffLines.hunks(d.path("diff").asText(null)));
                oldPaths.put(d.path("new_path").asText(), d.path("old_path").asText(d.path("new_path").asText()));
            }
            if (!hasNext(r, page)) {
                break;
            }
        }
        long self = selfId();
        List<String> posted = new ArrayList<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            ApiHttp.Response r = http.send("GET", apiBase + mr + "/discussions?per_page=100&page=" + page, headers(), null);
            for (JsonNode d : json(r, "GET", mr + "/discussions")) {
                for (JsonNode n : d.path("notes")) {
                    if (n.path("author").path("id").asLong(-1) == self) {
                        posted.add(n.path("body").asText(""));
                    }
                }
            }
            if (!hasNext(r, page)) {
                break;
            }
        }
        for (Publication.InlineComment c : wanted) {
            if (!added.getOrDefault(c.path(), Set.of()).contains(c.line()) || c.postedIn(posted)) {
                continue;
            }
            Publication.Suggestion s = c.suggestion();
            // Kept to the lines the diff shows, as on GitHub, so the author sees what the suggestion replaces.
            boolean placed = s != null && s.fitsIn(hunks.getOrDefault(c.path(), List.of()));
            String text = c.render(placed ? s.block(true, c.line()) : null);
            Map<String, Object> position = new LinkedHashMap<>();
            position.put("position_type", "text");
            position.put("base_sha", refs.path("base_sha").asText());
            position.put("start_sha", refs.path("start_sha").asText());
            position.put("head_sha", refs.path("head_sha").asText());
            position.put("old_path", oldPaths.get(c.path()));
            position.put("new_path", c.path());
            position.put("new_line", c.line());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("body", placed && text.length() > MAX_BODY ? c.render(null) : GitHubClient.truncate(text, MAX_BODY));
            body.put("position", position);
            http.send("POST", apiBase + mr + "/discussions", headers(), body, 1);
            // Each finding once: a later candidate (its template line, after its values line) is skipped.
            posted.add(text);
        }
    }

    /**
     * The token's user id: the sticky note must carry the marker and be this user's, so a person
     * quoting the marker never has their note overwritten.
     */
    long selfId() throws ForgeApiException {
        Long known = selfId;
        if (known != null) {
            return known;
        }
        long id = json(http.send("GET", apiBase + "/user", headers(), null), "GET", "/user").path("id").asLong(-1);
        if (id < 0) {
            throw new ForgeApiException("GET", "/user", 200, "no id in the response", null);
        }
        selfId = id;
        return id;
    }

    private Optional<Long> findSticky(String notes) throws ForgeApiException {
        long self = selfId();
        for (int page = 1; page <= MAX_PAGES; page++) {
            ApiHttp.Response r = http.send("GET", apiBase + notes + "?per_page=100&sort=asc&order_by=created_at&page="
                    + page, headers(), null);
            for (JsonNode n : json(r, "GET", notes)) {
                if (!n.path("system").asBoolean(false) && n.path("body").asText("").contains(GitHubClient.MARKER)
                        && n.path("author").path("id").asLong(-1) == self) {
                    return Optional.of(n.path("id").asLong());
                }
            }
            if (!hasNext(r, page)) {
                break;
            }
        }
        return Optional.empty();
    }

    @Override
    public List<OpenRequest> openRequests(String repository, Long installationId) throws ForgeApiException {
        String path = "/projects/" + project(null, repository) + "/merge_requests";
        List<OpenRequest> out = new ArrayList<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            ApiHttp.Response r = http.send("GET", apiBase + path + "?state=opened&per_page=100&page=" + page,
                    headers(), null);
            for (JsonNode mr : json(r, "GET", path)) {
                out.add(new OpenRequest(repository, mr.path("project_id").asText(null), mr.path("iid").asInt(),
                        mr.path("sha").asText()));
            }
            if (!hasNext(r, page)) {
                break;
            }
        }
        return out;
    }

    @Override
    public boolean hasResult(OpenRequest request, Long installationId) throws ForgeApiException {
        String path = "/projects/" + project(request.projectId(), request.repository()) + "/repository/commits/"
                + request.headSha() + "/statuses";
        JsonNode statuses = json(http.send("GET", apiBase + path + "?name=" + GitHubClient.CHECK_NAME + "&all=true",
                headers(), null), "GET", path);
        for (JsonNode s : statuses) {
            String state = s.path("status").asText("");
            // A status left running (the server died mid-review) is no result: review again.
            if (GitHubClient.CHECK_NAME.equals(s.path("name").asText()) && !"running".equals(state)
                    && !"pending".equals(state)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Optional<ReviewRequest> fetch(String repository, String projectId, int number, Long installationId,
                                         String trigger) throws ForgeApiException {
        String project = project(projectId, repository);
        String path = "/projects/" + project + "/merge_requests/" + number;
        JsonNode mr;
        try {
            mr = json(http.send("GET", apiBase + path, headers(), null), "GET", path);
        } catch (ForgeApiException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        if (!"opened".equals(mr.path("state").asText())) {
            return Optional.empty();
        }
        String targetId = mr.path("target_project_id").asText(projectId);
        String sourceId = mr.path("source_project_id").asText(targetId);
        JsonNode target = projectInfo(targetId);
        String baseClone = target.path("http_url_to_repo").asText(null);
        String headClone = sourceId.equals(targetId) ? baseClone
                : projectInfo(sourceId).path("http_url_to_repo").asText(baseClone);
        String fullPath = target.path("path_with_namespace").asText(repository);
        // diff_refs.base_sha is the merge base GitLab diffs against; the target branch may have moved
        // since, so the base is taken from the branch itself (baseSha null) as for webhooks.
        return Optional.of(new ReviewRequest(Forge.GITLAB, apiBase, fullPath, targetId, number,
                mr.path("target_branch").asText(), null, baseClone, mr.path("sha").asText(), headClone, null, trigger));
    }

    private JsonNode projectInfo(String id) throws ForgeApiException {
        String path = "/projects/" + project(id, null);
        return json(http.send("GET", apiBase + path, headers(), null), "GET", path);
    }

    private Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        if (token != null && !token.isBlank()) {
            h.put("PRIVATE-TOKEN", token);
        }
        return h;
    }

    /** A numeric id as is, a full path URL-encoded ({@code group%2Fproject}). */
    static String project(String projectId, String path) {
        String id = projectId != null && !projectId.isBlank() ? projectId : path;
        return id.chars().allMatch(Character::isDigit) ? id : URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    private static boolean hasNext(ApiHttp.Response r, int page) {
        String next = r.header("x-next-page").orElse("").strip();
        return !next.isEmpty() && !next.equals(String.valueOf(page));
    }

    private static JsonNode json(ApiHttp.Response r, String method, String path) throws ForgeApiException {
        try {
            return r.json();
        } catch (IOException e) {
            throw new ForgeApiException(method, path, r.status(), "response is not JSON", null);
        }
    }

    @Override
    public String toString() {
        return "GitLabClient[" + apiBase + "]";
    }
}
