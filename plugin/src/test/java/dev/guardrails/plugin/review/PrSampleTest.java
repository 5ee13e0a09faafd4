package dev.guardrails.plugin.review;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.guardrails.plugin.review.ReviewFixtures.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.guardrails.plugin.config.GitHubSettings;
import dev.guardrails.plugin.config.GitLabSettings;
import dev.guardrails.plugin.engine.Engines;
import dev.guardrails.plugin.forge.ForgeClients;
import dev.guardrails.plugin.forge.GitHubClient;
import dev.guardrails.scanner.engine.ScanOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sample pull request end to end with a plain GitHub token (no App): pending status, the sticky
 * comment with linked locations and rules, a newly exempted section, the rendered-manifest diff with
 * Secret values redacted, and inline review comments on changed lines, not repeated on the next
 * push. Its comment is the example in docs/pr-bot.md (regenerate with
 * {@code -Dguardrails.updateDocs=true}).
 */
class PrSampleTest {

    private static final String TOKEN = "ghp_sampleTOKEN0123456789";
    private static final String REPO = "/repos/acme/gitops";
    private static final String SECRET_VALUE = "hunter2-Very-Secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Path EXAMPLE = locate("docs/pr-bot-example.md");

    @TempDir
    Path tmp;

    private WireMockServer server;
    private GitRepo repo;

    @BeforeEach
    void setUp() throws Exception {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(get(urlPathEqualTo("/user")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson("{\"login\":\"guardrails-bot\",\"id\":7,\"type\":\"User\"}")));
        server.stubFor(post(urlPathEqualTo(REPO + "/issues/7/comments")).willReturn(okJson("{\"id\":555}").withStatus(201)));
        server.stubFor(patch(urlPathMatching(REPO + "/issues/comments/\\d+")).willReturn(okJson("{}")));
        server.stubFor(post(urlPathMatching(REPO + "/statuses/.*")).willReturn(okJson("{}").withStatus(201)));
        server.stubFor(post(urlPathEqualTo(REPO + "/pulls/7/comments")).willReturn(okJson("{\"id\":901}").withStatus(201)));
        server.stubFor(get(urlPathEqualTo(REPO + "/pulls/7/comments")).willReturn(okJson("[]")));
        repo = GitRepo.init(tmp.resolve("repo"));
    }

    @AfterEach
    void tearDown() {
        repo.close();
        server.stop();
    }

    private ReviewService service() {
        ForgeClients clients = new ForgeClients(new GitHubSettings(server.baseUrl(), null, TOKEN, null, null, false),
                new GitLabSettings(null, null, null), new ReviewSettings(null, null, null), ReviewFixtures.FAST,
                Clock.systemUTC());
        CommentSettings comments = new CommentSettings("https://guardrails.example.com/docs/rules.md", null, null, null, null);
        Clock fixed = Clock.fixed(Instant.parse("2026-06-01T10:00:00Z"), ZoneOffset.UTC);
        return new ReviewService(clients, Engines.create(), new ScanOptions(null, 2, fixed), comments, Runnable::run);
    }

    private List<JsonNode> bodies(com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pattern) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (LoggedRequest r : server.findAll(pattern)) {
            out.add(JSON.readTree(r.getBodyAsString()));
        }
        return out;
    }

    private static final String WEB = deployment("web", "nginx:1.25");
    private static final String WEB_LATEST = deployment("web", "nginx:latest");

    @Test
    void samplePullRequestEndToEnd() throws Exception {
        ReviewFixtures.baseLayout(repo);
        repo.write("apps/api/deployment.yaml", deployment("api", "nginx:latest"))
                .write("apps/web/secret.yaml", secret("old-" + SECRET_VALUE));
        String baseSha = repo.commit("initial");
        repo.checkout("feature", true);
        repo.write("apps/web/deployment.yaml", WEB_LATEST)
                .write("charts/cart/values.yaml", "image: nginx:latest\n")
                .write("apps/web/secret.yaml", secret(SECRET_VALUE))
                .write(".guardrails.yaml", ReviewFixtures.POLICY + """
                        exemptions:
                          - rule: latest-tag
                            match: {app: apps/api, kind: Deployment, name: api}
                            owner: team-api
                            reason: "Pinned by the vendor's operator until v3 (OPS-42)"
                            expires: 2026-09-30
                        """);
        String headSha = repo.commit("latest image, rotate secret, exempt api");
        repo.checkout("main", false);
        ReviewRequest request = new ReviewRequest(Forge.GITHUB, server.baseUrl(), "acme/gitops", null, 7, "main",
                baseSha, repo.url(), headSha, repo.url(), null, "sample");
        server.stubFor(get(urlPathEqualTo(REPO + "/pulls/7")).willReturn(okJson("{\"number\":7,\"head\":{\"sha\":\""
                + headSha + "\"}}")));
        ArrayNode files = JSON.createArrayNode();
        for (String f : List.of("apps/web/deployment.yaml", "apps/web/secret.yaml", ".guardrails.yaml",
                "charts/cart/values.yaml")) {
            files.addObject().put("filename", f).put("status", "modified").put("patch", repo.patch(baseSha, headSha, f));
        }
        server.stubFor(get(urlPathEqualTo(REPO + "/pulls/7/files")).willReturn(okJson(files.toString())));
        // Someone quoted the marker in their own comment: it must not be taken for the bot's.
        server.stubFor(get(urlPathEqualTo(REPO + "/issues/7/comments")).willReturn(okJson("[{\"id\":40,\"user\":{\"login\":"
                + "\"alice\"},\"body\":\"> " + GitHubClient.MARKER + " why is this failing?\"}]")));

        service().review(request);

        // States: pending first, then the verdict.
        List<JsonNode> statuses = bodies(postRequestedFor(urlPathEqualTo(REPO + "/statuses/" + headSha)));
        assertThat(statuses).extracting(s -> s.path("state").asText()).containsExactly("pending", "failure");
        server.verify(0, patchRequestedFor(urlPathEqualTo(REPO + "/issues/comments/40")));
        String comment = bodies(postRequestedFor(urlPathEqualTo(REPO + "/issues/7/comments"))).get(0).path("body").asText();
        int line = ReviewFixtures.lineOf(WEB_LATEST, "image: nginx:latest");
        String web = server.baseUrl() + "/acme/gitops";
        assertThat(comment)
                .contains("2 new blocking").contains("0 fixed").contains("1 newly exempted")
                // Helm: the template line that emits the image, and the values key that sets it.
                .contains("[charts/cart/templates/deployment.yaml:" + ReviewFixtures.lineOf(
                        deployment("cart", "{{ .Values.image }}"), "image: {{") + "](")
                .contains("set by `image` in [charts/cart/values.yaml:1](" + web + "/blob/" + headSha + "/charts/cart/values.yaml#L1)")
                .contains("[apps/web/deployment.yaml:" + line + "](" + web + "/blob/" + headSha + "/apps/web/deployment.yaml#L" + line + ")")
                .contains("[`latest-tag`](https://guardrails.example.com/docs/rules.md#latest-tag)")
                .contains("<details open><summary>apps/web")
                .contains("**Newly exempted**").contains("| team-api | Pinned by the vendor's operator until v3 (OPS-42) | 2026-09-30 |")
                .contains("**Coverage at head:**")
                .contains("Rendered manifests of apps/web").contains("+        image: nginx:latest")
                .contains("-  password: " + ManifestDiff.REDACTED).contains("+  password: " + ManifestDiff.REDACTED_CHANGED)
                .contains("How to exempt").contains("rule: latest-tag")
                .doesNotContain(SECRET_VALUE).doesNotContain(TOKEN);
        // The exemption is not a fix: apps/api has no "Fixed" rows.
        assertThat(comment).doesNotContain("**Fixed**");

        // Inline: one review comment per finding on a changed line, with the finding's marker: the Helm
        // finding on the values line the PR changed (its template line is not in the diff).
        List<JsonNode> inline = bodies(postRequestedFor(urlPathEqualTo(REPO + "/pulls/7/comments")));
        assertThat(inline).hasSize(2);
        assertThat(inline).anySatisfy(c -> {
            assertThat(c.path("path").asText()).isEqualTo("charts/cart/values.yaml");
            assertThat(c.path("line").asInt()).isEqualTo(1);
            assertThat(c.path("body").asText()).contains("set by `image`");
        });
        assertThat(inline).filteredOn(c -> c.path("path").asText().startsWith("apps/")).singleElement().satisfies(c -> {
            assertThat(c.path("path").asText()).isEqualTo("apps/web/deployment.yaml");
            assertThat(c.path("line").asInt()).isEqualTo(line);
            assertThat(c.path("side").asText()).isEqualTo("RIGHT");
            assertThat(c.path("commit_id").asText()).isEqualTo(headSha);
            assertThat(c.path("body").asText()).startsWith("<!-- guardrails:finding:").contains("latest-tag");
        });
        for (LoggedRequest r : server.getAllServeEvents().stream().map(e -> e.getRequest()).toList()) {
            assertThat(r.getBodyAsString()).doesNotContain(SECRET_VALUE);
        }

        // The next push (same findings): the bot's inline comment is there, so nothing is posted twice,
        // and its own sticky comment is edited.
        ArrayNode posted = JSON.createArrayNode();
        for (JsonNode c : inline) {
            posted.addObject().put("id", 901).put("body", c.path("body").asText()).putObject("user").put("login", "guardrails-bot");
        }
        server.stubFor(get(urlPathEqualTo(REPO + "/pulls/7/comments")).willReturn(okJson(posted.toString())));
        ArrayNode issueComments = JSON.createArrayNode();
        issueComments.addObject().put("id", 40).put("body", "> " + GitHubClient.MARKER).putObject("user").put("login", "alice");
        issueComments.addObject().put("id", 555).put("body", comment).putObject("user").put("login", "guardrails-bot");
        server.stubFor(get(urlPathEqualTo(REPO + "/issues/7/comments")).willReturn(okJson(issueComments.toString())));

        service().review(request);

        server.verify(2, postRequestedFor(urlPathEqualTo(REPO + "/pulls/7/comments")));
        server.verify(1, patchRequestedFor(urlPathEqualTo(REPO + "/issues/comments/555")));
        server.verify(0, patchRequestedFor(urlPathEqualTo(REPO + "/issues/comments/40")));

        String example = comment.replace(server.baseUrl(), "https://github.com").replace(headSha, "HEADSHA")
                .replace(headSha.substring(0, 12), "HEADSHA").replace(baseSha.substring(0, 12), "BASESHA")
                .replace(baseSha, "BASESHA");
        String doc = "<!-- Generated by PrSampleTest; regenerate with: mvn -pl plugin -am test -Dtest=PrSampleTest "
                + "-Dsurefire.failIfNoSpecifiedTests=false -Dguardrails.updateDocs=true -->\n\n" + example;
        Path guide = EXAMPLE.resolveSibling("pr-bot.md");
        String start = "<!-- example:start (generated by PrSampleTest) -->\n";
        String end = "\n<!-- example:end -->";
        String text = Files.readString(guide);
        String embedded = text.substring(text.indexOf(start) + start.length(), text.indexOf(end));
        if (Boolean.getBoolean("guardrails.updateDocs")) {
            Files.writeString(EXAMPLE, doc);
            Files.writeString(guide, text.replace(start + embedded + end, start + example.strip() + end));
            embedded = example.strip();
        }
        assertThat(EXAMPLE).as("docs/pr-bot-example.md is generated by this test (see its first line)").exists();
        assertThat(Files.readString(EXAMPLE)).isEqualTo(doc);
        assertThat(embedded).as("the example in docs/pr-bot.md is generated by this test").isEqualTo(example.strip());
    }

    private static String secret(String value) {
        return """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: db
                stringData:
                  password: %s
                  user: app
                """.formatted(value);
    }

    private static Path locate(String rel) {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("docs/pr-bot.md"))) {
            p = p.getParent();
        }
        return (p == null ? Path.of("..") : p).resolve(rel);
    }
}
