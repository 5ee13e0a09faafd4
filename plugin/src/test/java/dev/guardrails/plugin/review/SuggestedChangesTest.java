package dev.guardrails.plugin.review;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.guardrails.argocd.app.RepoScan;
import dev.guardrails.plugin.config.GitHubSettings;
import dev.guardrails.plugin.config.GitLabSettings;
import dev.guardrails.plugin.engine.Engines;
import dev.guardrails.plugin.forge.ForgeClients;
import dev.guardrails.scanner.config.ConfigLoader;
import dev.guardrails.scanner.engine.GuardrailsEngine;
import dev.guardrails.scanner.engine.ScanOptions;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.ScanReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inline comments offer the verified fix as a suggested change the author applies with one click.
 * The proof is the author's: the suggestion is applied to the head file as the forge would, and a
 * scan of the result no longer reports the commented rules and reports nothing new.
 */
class SuggestedChangesTest {

    private static final String TOKEN = "ghp_SEEDEDTOKEN";
    private static final String REPO = "/repos/acme/gitops";
    private static final String MR = "/api/v4/projects/42/merge_requests/3";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BLOCK = Pattern.compile("(`{3,})suggestion(?::-(\\d+)\\+(\\d+))?\\n(.*?)\\n?\\1",
            Pattern.DOTALL);

    private static final String POLICY = """
            mode: off
            requiredLabels: [team]
            rules:
              read-only-root-filesystem: enforce
              run-as-non-root: enforce
              privilege-escalation: enforce
              cpu-request-missing: warn
              required-labels: warn
            fixes:
              resources:
                requests: {cpu: 100m}
              labels:
                team: payments
            """;
    private static final String WEB = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels: {team: shop}
            spec:
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                    - name: web
                      image: registry.example.com/web:1.0.0
                      resources: {requests: {cpu: 50m}}
                      securityContext: {readOnlyRootFilesystem: true, runAsNonRoot: true, allowPrivilegeEscalation: false}
            """;
    /** New in the PR: nothing hardened; the comment in it must survive the suggestion. */
    private static final String PAY = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: pay
            spec:
              replicas: 2
              selector:
                matchLabels:
                  app: pay
              template:
                metadata:
                  labels:
                    app: pay
                spec:
                  containers:
                    - name: pay   # the payment API
                      image: registry.example.com/pay:1.4.2
                      resources:
                        requests:
                          memory: 64Mi
            """;
    private static final String PAY_FILE = "apps/pay/deployment.yaml";

    @TempDir
    Path tmp;

    private WireMockServer server;
    private GitRepo repo;
    private String baseSha;
    private String headSha;

    @BeforeEach
    void setUp() throws Exception {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        repo = GitRepo.init(tmp.resolve("repo"));
        repo.write(".guardrails.yaml", POLICY).write("apps/web/deployment.yaml", WEB);
        baseSha = repo.commit("hardened web");
        repo.checkout("feature", true);
        repo.write(PAY_FILE, PAY);
        headSha = repo.commit("add pay");
        repo.checkout("main", false);
    }

    @AfterEach
    void tearDown() {
        repo.close();
        server.stop();
    }

    @Test
    void gitHubCommentsCarryASuggestionThatClearsTheirFindings() throws Exception {
        ForgeClients clients = stubGitHub(headSha, List.of(PAY_FILE));

        ReviewFixtures.service(clients).review(new ReviewRequest(Forge.GITHUB, server.baseUrl(), "acme/gitops", null, 7,
                "main", baseSha, repo.url(), headSha, repo.url(), null, "test"));

        List<JsonNode> inline = bodies(postRequestedFor(urlPathEqualTo(REPO + "/pulls/7/comments")));
        List<JsonNode> suggesting = inline.stream().filter(c -> BLOCK.matcher(c.path("body").asText()).find()).toList();
        assertThat(suggesting).isNotEmpty();
        String sticky = bodies(postRequestedFor(urlPathEqualTo(REPO + "/issues/7/comments"))).get(0).path("body").asText();
        assertThat(sticky).contains("**Auto-fix:** 5 new findings have a fix that passed the re-render check");
        // The three securityContext findings sit on the container line: one comment, one suggestion for all.
        int container = ReviewFixtures.lineOf(PAY, "- name: pay");
        JsonNode first = suggesting.stream().filter(c -> c.path("body").asText().contains("3 new findings on this line"))
                .findFirst().orElseThrow(() -> new AssertionError("no grouped comment in " + inline));
        assertThat(first.path("start_line").asInt()).isEqualTo(container);
        assertThat(first.path("start_side").asText()).isEqualTo("RIGHT");
        assertThat(first.path("body").asText()).contains("`read-only-root-filesystem`", "`run-as-non-root`",
                "`privilege-escalation`").contains("- name: pay   # the payment API");
        assertDocumented(first);
        for (JsonNode c : suggesting) {
            Matcher m = BLOCK.matcher(c.path("body").asText());
            assertThat(m.find()).isTrue();
            int start = c.has("start_line") ? c.path("start_line").asInt() : c.path("line").asInt();
            assertFixes(applied(PAY, start, c.path("line").asInt(), m.group(4)), c.path("body").asText());
        }
        // Suggestions that would overlap are merged into the first: applying one never turns another stale.
        JsonNode resources = inline.stream().filter(c -> c.path("body").asText().contains("`cpu-request-missing` (warn"))
                .findFirst().orElseThrow();
        assertThat(resources.path("body").asText()).contains("The suggested change on line " + container + " fixes this as well")
                .doesNotContain("```suggestion");
        assertThat(first.path("body").asText()).contains("`cpu-request-missing`").contains("cpu: 100m");
        List<int[]> ranges = suggesting.stream().map(c -> new int[] {c.path("start_line").asInt(), c.path("line").asInt()})
                .toList();
        for (int[] a : ranges) {
            assertThat(ranges).filteredOn(b -> b != a).noneMatch(b -> b[0] <= a[1] && a[0] <= b[1]);
        }
        // Every comment is about lines the PR adds; each finding is posted once.
        assertThat(inline).allSatisfy(c -> assertThat(c.path("path").asText()).isEqualTo(PAY_FILE));
        List<String> markers = markers(inline);
        assertThat(markers).hasSize(5).doesNotHaveDuplicates();
        for (LoggedRequest r : server.findAll(postRequestedFor(urlPathMatching(".*")))) {
            assertThat(r.getBodyAsString()).doesNotContain(TOKEN);
        }
    }

    @Test
    void aGitHubAppAddsReviewCommentsOnlyWhereTheyOfferAChange() throws Exception {
        java.security.KeyPair keys = ReviewFixtures.rsa();
        Path keyFile = Files.writeString(tmp.resolve("app.pem"), ReviewFixtures.pkcs1Pem(keys));
        server.stubFor(post(urlPathEqualTo("/app/installations/99/access_tokens")).willReturn(okJson("{\"token\":\""
                + TOKEN + "\",\"expires_at\":\"" + java.time.Instant.now().plusSeconds(3600) + "\"}").withStatus(201)));
        server.stubFor(get(urlPathEqualTo("/app")).willReturn(okJson("{\"id\":12345,\"slug\":\"guardrails\"}")));
        server.stubFor(get(urlPathEqualTo(REPO + "/issues/7/comments")).willReturn(okJson("[]")));
        server.stubFor(post(urlPathEqualTo(REPO + "/issues/7/comments")).willReturn(okJson("{\"id\":555}").withStatus(201)));
        server.stubFor(post(urlPathEqualTo(REPO + "/check-runs")).willReturn(okJson("{\"id\":77}").withStatus(201)));
        server.stubFor(patch(urlPathEqualTo(REPO + "/check-runs/77")).willReturn(okJson("{}")));
        server.stubFor(get(urlPathEqualTo(REPO + "/pulls/7")).willReturn(okJson("{\"head\":{\"sha\":\"" + headSha + "\"}}")));
        ArrayNode files = JSON.createArrayNode();
        files.addObject().put("filename", PAY_FILE).put("status", "added").put("patch", repo.patch(baseSha, headSha, PAY_FILE));
        server.stubFor(get(urlPathEqualTo(REPO + "/pulls/7/files")).willReturn(okJson(files.toString())));
        server.stubFor(get(urlPathEqualTo(REPO + "/pulls/7/comments")).willReturn(okJson("[]")));
        server.stubFor(post(urlPathEqualTo(REPO + "/pulls/7/comments")).willReturn(okJson("{\"id\":901}").withStatus(201)));

        ReviewFixtures.service(ReviewFixtures.appClients(server.baseUrl(), keyFile, false)).review(new ReviewRequest(
                Forge.GITHUB, server.baseUrl(), "acme/gitops", null, 7, "main", baseSha, repo.url(), headSha, repo.url(),
                99L, "test"));

        // The findings are annotations on the check run; review comments only carry suggested changes.
        List<JsonNode> inline = bodies(postRequestedFor(urlPathEqualTo(REPO + "/pulls/7/comments")));
        assertThat(inline).isNotEmpty().allSatisfy(c -> assertThat(c.path("body").asText()).contains("```suggestion\n"));
        assertThat(inline).noneSatisfy(c -> assertThat(c.path("body").asText()).contains("fixes this as well"));
    }

    @Test
    void gitLabDiscussionsCarryTheSuggestionRelativeToTheirLine() throws Exception {
        String notes = MR + "/notes";
        server.stubFor(get(urlPathEqualTo("/api/v4/user")).willReturn(okJson("{\"id\":5,\"username\":\"guardrails-bot\"}")));
        server.stubFor(get(urlPathEqualTo(notes)).willReturn(okJson("[]")));
        server.stubFor(post(urlPathEqualTo(notes)).willReturn(okJson("{\"id\":77}").withStatus(201)));
        server.stubFor(put(urlPathMatching(notes + "/\\d+")).willReturn(okJson("{}")));
        server.stubFor(post(urlPathMatching("/api/v4/projects/42/statuses/.*")).willReturn(okJson("{}").withStatus(201)));
        server.stubFor(get(urlPathEqualTo(MR)).willReturn(okJson("{\"iid\":3,\"diff_refs\":{\"base_sha\":\"" + baseSha
                + "\",\"start_sha\":\"" + baseSha + "\",\"head_sha\":\"" + headSha + "\"}}")));
        ArrayNode diffs = JSON.createArrayNode();
        diffs.addObject().put("new_path", PAY_FILE).put("old_path", PAY_FILE).put("new_file", true)
                .put("diff", repo.patch(baseSha, headSha, PAY_FILE));
        server.stubFor(get(urlPathEqualTo(MR + "/diffs")).willReturn(okJson(diffs.toString())));
        server.stubFor(get(urlPathEqualTo(MR + "/discussions")).willReturn(okJson("[]")));
        server.stubFor(post(urlPathEqualTo(MR + "/discussions")).willReturn(okJson("{\"id\":\"d1\"}").withStatus(201)));

        ReviewFixtures.service(ReviewFixtures.gitlabClients(server.baseUrl() + "/api/v4", TOKEN)).review(
                new ReviewRequest(Forge.GITLAB, server.baseUrl() + "/api/v4", "group/gitops", "42", 3, "main", baseSha,
                        repo.url(), headSha, repo.url(), null, "test"));

        List<JsonNode> discussions = bodies(postRequestedFor(urlPathEqualTo(MR + "/discussions")));
        List<JsonNode> suggesting = discussions.stream().filter(d -> BLOCK.matcher(d.path("body").asText()).find()).toList();
        assertThat(suggesting).isNotEmpty();
        for (JsonNode d : suggesting) {
            Matcher m = BLOCK.matcher(d.path("body").asText());
            assertThat(m.find()).isTrue();
            assertThat(m.group(2)).as("GitLab names the lines above and below").isNotNull();
            int line = d.path("position").path("new_line").asInt();
            int start = line - Integer.parseInt(m.group(2));
            int end = line + Integer.parseInt(m.group(3));
            assertFixes(applied(PAY, start, end, m.group(4)), d.path("body").asText());
        }
    }

    @Test
    void aChangeAcrossMoreAppsThanTheBudgetGetsCommentsWithoutSuggestions() throws Exception {
        repo.checkout("feature", false);
        List<String> paths = new ArrayList<>(List.of(PAY_FILE));
        for (int i = 0; i < SuggestedFixes.MAX_APPS; i++) {
            String path = "apps/pay" + i + "/deployment.yaml";
            repo.write(path, PAY.replace("name: pay", "name: pay" + i));
            paths.add(path);
        }
        String head = repo.commit("many apps");
        repo.checkout("main", false);
        ForgeClients clients = stubGitHub(head, paths);

        ReviewFixtures.service(clients).review(new ReviewRequest(Forge.GITHUB, server.baseUrl(), "acme/gitops", null, 7,
                "main", baseSha, repo.url(), head, repo.url(), null, "test"));

        // The findings are still commented on (20 at most); fixing 11 apps is left to `guardrails fix`.
        assertThat(paths).hasSize(SuggestedFixes.MAX_APPS + 1);
        List<JsonNode> inline = bodies(postRequestedFor(urlPathEqualTo(REPO + "/pulls/7/comments")));
        assertThat(inline).hasSize(20);
        assertThat(inline).noneSatisfy(c -> assertThat(c.path("body").asText()).containsAnyOf("```suggestion",
                "guardrails fix --rule"));
    }

    @Test
    void aFixRunPastItsBudgetCostsTheSuggestionsNotTheReview() throws Exception {
        ForgeClients clients = stubGitHub(headSha, List.of(PAY_FILE));
        ReviewService service = new ReviewService(clients, Engines.create(), new ScanOptions(null, 2, Clock.systemUTC()),
                new CommentSettings(null, null, null, null, true, java.time.Duration.ofNanos(1)), Runnable::run);

        service.review(new ReviewRequest(Forge.GITHUB, server.baseUrl(), "acme/gitops", null, 7, "main", baseSha,
                repo.url(), headSha, repo.url(), null, "test"));

        List<JsonNode> inline = bodies(postRequestedFor(urlPathEqualTo(REPO + "/pulls/7/comments")));
        assertThat(inline).isNotEmpty().noneSatisfy(c -> assertThat(c.path("body").asText()).contains("```suggestion"));
        List<JsonNode> statuses = bodies(postRequestedFor(urlPathMatching(REPO + "/statuses/.*")));
        assertThat(statuses).extracting(st -> st.path("state").asText()).containsExactly("pending", "failure");
    }

    /** The finding keys in the hidden markers of the posted comments, in order. */
    private static List<String> markers(List<JsonNode> comments) {
        List<String> out = new ArrayList<>();
        for (JsonNode c : comments) {
            Matcher k = Pattern.compile("<!-- guardrails:finding:(\\w+) -->").matcher(c.path("body").asText());
            while (k.find()) {
                out.add(k.group(1));
            }
        }
        return out;
    }

    /** A token-authenticated GitHub whose PR 7 is at {@code head} and changes {@code files}. */
    private ForgeClients stubGitHub(String head, List<String> files) throws Exception {
        server.stubFor(get(urlPathEqualTo("/user")).willReturn(okJson("{\"login\":\"guardrails-bot\",\"id\":7}")));
        server.stubFor(get(urlPathEqualTo(REPO + "/issues/7/comments")).willReturn(okJson("[]")));
        server.stubFor(post(urlPathEqualTo(REPO + "/issues/7/comments")).willReturn(okJson("{\"id\":555}").withStatus(201)));
        server.stubFor(patch(urlPathMatching(REPO + "/issues/comments/\\d+")).willReturn(okJson("{}")));
        server.stubFor(post(urlPathMatching(REPO + "/statuses/.*")).willReturn(okJson("{}").withStatus(201)));
        server.stubFor(get(urlPathEqualTo(REPO + "/pulls/7")).willReturn(okJson("{\"head\":{\"sha\":\"" + head + "\"}}")));
        ArrayNode list = JSON.createArrayNode();
        for (String f : files) {
            list.addObject().put("filename", f).put("status", "added").put("patch", repo.patch(baseSha, head, f));
        }
        server.stubFor(get(urlPathEqualTo(REPO + "/pulls/7/files")).willReturn(okJson(list.toString())));
        server.stubFor(get(urlPathEqualTo(REPO + "/pulls/7/comments")).willReturn(okJson("[]")));
        server.stubFor(post(urlPathEqualTo(REPO + "/pulls/7/comments")).willReturn(okJson("{\"id\":901}").withStatus(201)));
        return new ForgeClients(new GitHubSettings(server.baseUrl(), null, TOKEN, null, null, false),
                new GitLabSettings(null, null, null), new ReviewSettings(null, null, null), ReviewFixtures.FAST,
                Clock.systemUTC());
    }

    @Test
    void aHelmFindingGetsItsValuesEditOnTheValuesLine() throws Exception {
        String chart = "charts/pay/";
        repo.checkout("feature", false);
        repo.write(chart + "Chart.yaml", "apiVersion: v2\nname: pay\nversion: 0.1.0\n")
                .write(chart + "templates/deployment.yaml", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata:
                          name: pay
                          labels: {team: payments}
                        spec:
                          selector:
                            matchLabels: {app: pay}
                          template:
                            metadata:
                              labels: {app: pay}
                            spec:
                              containers:
                                - name: pay
                                  image: registry.example.com/pay:1.4.2
                                  resources: {requests: {cpu: 50m}}
                                  securityContext:
                                    {{- toYaml .Values.securityContext | nindent 12 }}
                        """)
                .write(chart + "values.yaml", """
                        # Hardening for the payment API.
                        securityContext:
                          runAsNonRoot: true
                          allowPrivilegeEscalation: false
                          readOnlyRootFilesystem: false   # TODO: writable cache dir
                        """)
                .delete(PAY_FILE);
        String head = repo.commit("pay as a chart");
        repo.checkout("main", false);
        ForgeClients clients = stubGitHub(head, List.of(chart + "Chart.yaml", chart + "templates/deployment.yaml",
                chart + "values.yaml"));

        ReviewFixtures.service(clients).review(new ReviewRequest(Forge.GITHUB, server.baseUrl(), "acme/gitops", null, 7,
                "main", baseSha, repo.url(), head, repo.url(), null, "test"));

        List<JsonNode> inline = bodies(postRequestedFor(urlPathEqualTo(REPO + "/pulls/7/comments")));
        JsonNode onValues = inline.stream().filter(c -> c.path("path").asText().equals(chart + "values.yaml"))
                .findFirst().orElseThrow(() -> new AssertionError("no comment on the values file: " + inline));
        assertThat(onValues.path("line").asInt()).isEqualTo(5);
        assertThat(onValues.path("body").asText()).contains("`read-only-root-filesystem`")
                .contains("```suggestion\n  readOnlyRootFilesystem: true   # TODO: writable cache dir\n```");
        // Its template line is only a fallback: the finding is commented once, on the values line.
        List<String> markers = markers(inline);
        assertThat(markers).doesNotHaveDuplicates();
        assertThat(inline).filteredOn(c -> c.path("path").asText().endsWith("templates/deployment.yaml"))
                .allSatisfy(c -> assertThat(c.path("body").asText()).doesNotContain("read-only-root-filesystem"));
    }

    /** docs/pr-bot.md shows this comment as the example; regenerate with -Dguardrails.updateDocs=true. */
    private static void assertDocumented(JsonNode comment) throws Exception {
        Path guide = Path.of("").toAbsolutePath();
        while (guide != null && !Files.exists(guide.resolve("docs/pr-bot.md"))) {
            guide = guide.getParent();
        }
        guide = (guide == null ? Path.of("..") : guide).resolve("docs/pr-bot.md");
        String example = "Lines " + comment.path("start_line").asInt() + "-" + comment.path("line").asInt() + " of `"
                + comment.path("path").asText() + "`:\n\n" + comment.path("body").asText()
                .replaceAll("<!-- guardrails:finding:\\w+ -->", "").strip();
        String start = "<!-- suggestion-example:start (generated by SuggestedChangesTest) -->\n";
        String end = "\n<!-- suggestion-example:end -->";
        String text = Files.readString(guide);
        assertThat(text).contains(start).contains(end);
        String embedded = text.substring(text.indexOf(start) + start.length(), text.indexOf(end));
        if (Boolean.getBoolean("guardrails.updateDocs")) {
            Files.writeString(guide, text.replace(start + embedded + end, start + example + end));
            embedded = example;
        }
        assertThat(embedded).as("the suggestion example in docs/pr-bot.md is generated by this test").isEqualTo(example);
    }

    /** Lines start..end (1-based, inclusive) replaced, as the forge applies a suggestion. */
    private static String applied(String text, int start, int end, String replacement) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        List<String> out = new ArrayList<>(lines.subList(0, start - 1));
        out.addAll(Arrays.asList(replacement.split("\n", -1)));
        out.addAll(lines.subList(end, lines.size()));
        return String.join("\n", out);
    }

    /** A scan of the repo with the suggestion applied: the comment's rules are gone, nothing is new. */
    private void assertFixes(String payAfter, String commentBody) throws Exception {
        Path dir = Files.createTempDirectory(tmp, "applied");
        Files.writeString(dir.resolve(".guardrails.yaml"), POLICY);
        Files.createDirectories(dir.resolve("apps/pay"));
        Files.writeString(dir.resolve(PAY_FILE), payAfter);
        GuardrailsEngine engine = Engines.create();
        ScanOptions options = new ScanOptions(null, 1, Clock.systemUTC());
        var policy = new ConfigLoader(Engines.ruleIds(engine)).loadFromRepo(dir);
        ScanReport before = scan(engine, dir, policy, options, PAY);
        ScanReport after = scan(engine, dir, policy, options, payAfter);
        String from = commentBody.substring(commentBody.indexOf("**Suggested change**"));
        String intro = from.substring(0, from.indexOf('\n'));
        List<String> cleared = before.findings().stream().map(Finding::ruleId).distinct()
                .filter(r -> intro.contains("`" + r + "`")).toList();
        assertThat(cleared).as(intro).isNotEmpty();
        assertThat(after.findings()).extracting(Finding::ruleId).doesNotContainAnyElementsOf(cleared);
        List<String> old = before.findings().stream().map(Finding::fingerprint).toList();
        assertThat(after.findings()).extracting(Finding::fingerprint).allMatch(old::contains);
    }

    private static ScanReport scan(GuardrailsEngine engine, Path dir, dev.guardrails.scanner.config.GuardrailsConfig policy,
                                   ScanOptions options, String pay) throws Exception {
        Files.writeString(dir.resolve(PAY_FILE), pay);
        return new RepoScan(engine).scan(dir, "", "", policy, options, RepoScan.Apps.DIRECTORIES, List.of(), n -> { });
    }

    private List<JsonNode> bodies(com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pattern) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (LoggedRequest r : server.findAll(pattern)) {
            out.add(JSON.readTree(r.getBodyAsString()));
        }
        return out;
    }
}
