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
import java.util.Map;
import java.util.Optional;

/**
 * GitLab REST API v4 (gitlab.com or self-managed): one merge request note found by
 * {@link GitHubClient#MARKER} and edited in place, and a commit status named
 * {@value GitHubClient#CHECK_NAME} on the head SHA. Authenticates with {@code PRIVATE-TOKEN}.
 */
public final class GitLabClient implements ForgeClient {

    /** GitLab notes may be up to 1,000,000 characters; keep well below. */
    public static final int MAX_BODY = 1_000_000;
    private static final int MAX_PAGES = 50;

    private final String apiBase;
    private final String token;
    private final ApiHttp http;
    private final String targetUrl;

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
    public void publish(ReviewRequest request, Publication p) throws ForgeApiException {
        String project = "/projects/" + project(request.projectId(), request.repository());
        String notes = project + "/merge_requests/" + request.number() + "/notes";
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
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("state", p.verdict() == Publication.Verdict.FAILURE ? "failed" : "success");
        status.put("name", GitHubClient.CHECK_NAME);
        status.put("description", GitHubClient.truncate(p.title(), 255));
        if (targetUrl != null && !targetUrl.isBlank()) {
            status.put("target_url", targetUrl);
        }
        http.send("POST", apiBase + project + "/statuses/" + request.headSha(), headers(), status);
    }

    private Optional<Long> findSticky(String notes) throws ForgeApiException {
        for (int page = 1; page <= MAX_PAGES; page++) {
            ApiHttp.Response r = http.send("GET", apiBase + notes + "?per_page=100&sort=asc&order_by=created_at&page="
                    + page, headers(), null);
            for (JsonNode n : json(r, "GET", notes)) {
                if (!n.path("system").asBoolean(false) && n.path("body").asText("").contains(GitHubClient.MARKER)) {
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
            if (GitHubClient.CHECK_NAME.equals(s.path("name").asText())) {
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
