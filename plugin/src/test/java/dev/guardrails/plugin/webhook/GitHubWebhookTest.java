package dev.guardrails.plugin.webhook;

import dev.guardrails.plugin.review.Forge;
import dev.guardrails.plugin.review.ReviewRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GitHubWebhookTest {

    @TempDir
    static Path stateDir;
    static WebhookServer server;

    @BeforeAll
    static void start() {
        server = WebhookServer.start(stateDir, Map.of("guardrails.webhook.max-body-bytes", 16_384));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() throws InterruptedException {
        server.awaitIdle();
        server.reviewer().reset();
    }

    @Test
    void pingAnswersPong() throws Exception {
        HttpResponse<String> r = server.github("ping", "d-ping", WebhookServer.payload("github/ping.json"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("pong");
        server.awaitIdle();
        assertThat(server.reviewer().attempts()).isEmpty();
    }

    @Test
    void signedOpenedPullRequestIsReviewedExactlyOnce() throws Exception {
        HttpResponse<String> r = server.github("pull_request", "d-opened",
                WebhookServer.payload("github/pull_request-opened.json"));

        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.body()).startsWith("review queued: GITHUB:Codertocat/Hello-World#2@ec26c3e");
        server.awaitIdle();
        assertThat(server.reviewer().reviewed()).containsExactly(new ReviewRequest(Forge.GITHUB,
                "https://ghe.example.com/api/v3", "Codertocat/Hello-World", null, 2, "master",
                "f95f852bd8fca8fcc58a9a2d6c842781e32a215e", "https://github.com/Codertocat/Hello-World.git",
                "ec26c3e57ca3a959ca5aad62de7213c562f8c821", "https://github.com/Codertocat/Hello-World.git",
                null, "d-opened"));
    }

    @Test
    void synchronizeCarriesTheNewHeadAndTheInstallation() throws Exception {
        HttpResponse<String> r = server.github("pull_request", "d-sync",
                WebhookServer.payload("github/pull_request-synchronize.json"));

        assertThat(r.statusCode()).isEqualTo(202);
        server.awaitIdle();
        assertThat(server.reviewer().reviewed()).singleElement().satisfies(req -> {
            assertThat(req.headSha()).isEqualTo("34c5c7793cb3b279e22454cb6750c80560547b3a");
            assertThat(req.installationId()).isEqualTo(2311213L);
            assertThat(req.fromFork()).isFalse();
        });
    }

    @Test
    void forkPullRequestClonesTheHeadFromTheFork() throws Exception {
        HttpResponse<String> r = server.github("pull_request", "d-fork",
                WebhookServer.payload("github/pull_request-opened-fork.json"));

        assertThat(r.statusCode()).isEqualTo(202);
        server.awaitIdle();
        assertThat(server.reviewer().reviewed()).singleElement().satisfies(req -> {
            assertThat(req.fromFork()).isTrue();
            assertThat(req.repository()).isEqualTo("Codertocat/Hello-World");
            assertThat(req.number()).isEqualTo(7);
            assertThat(req.headCloneUrl()).isEqualTo("https://github.com/octocat/Hello-World.git");
            assertThat(req.baseCloneUrl()).isEqualTo("https://github.com/Codertocat/Hello-World.git");
        });
    }

    @Test
    void replayedDeliveryIsReviewedOnce() throws Exception {
        byte[] body = WebhookServer.pullRequest("github/pull_request-opened.json", 11, "a".repeat(40));

        HttpResponse<String> first = server.github("pull_request", "d-replay", body);
        server.awaitIdle();
        HttpResponse<String> replay = server.github("pull_request", "d-replay", body);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.body()).isEqualTo("duplicate delivery");
        server.awaitIdle();
        assertThat(server.reviewer().attempts()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "wrong secret, sha256-of-other-secret",
            "missing header, none",
            "not sha256, sha1",
            "tampered body, sha256-of-other-body"})
    void badSignatureIsRefusedAndNothingHappens(String name, String kind) throws Exception {
        byte[] body = WebhookServer.payload("github/pull_request-opened.json");
        String signature = switch (kind) {
            case "sha256-of-other-secret" -> WebhookServer.sign("not the secret", body);
            case "sha1" -> "sha1=" + WebhookServer.sign(WebhookServer.SECRET, body).substring(7, 47);
            case "sha256-of-other-body" -> WebhookServer.sign(WebhookServer.SECRET, "{}".getBytes(StandardCharsets.UTF_8));
            default -> null;
        };

        HttpResponse<String> r = server.post("/webhooks/github", body, "X-GitHub-Event", "pull_request",
                "X-GitHub-Delivery", "d-bad-" + kind, "X-Hub-Signature-256", signature);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).isEqualTo("invalid signature");
        server.awaitIdle();
        assertThat(server.reviewer().attempts()).isEmpty();
        // Nothing was claimed: the genuine delivery with the same id still goes through.
        assertThat(server.github("pull_request", "d-bad-" + kind, body).statusCode()).isEqualTo(202);
    }

    @Test
    void malformedJsonIsABadRequestAndCanBeRedelivered() throws Exception {
        HttpResponse<String> r = server.github("pull_request", "d-malformed",
                "{\"action\": \"opened\", ".getBytes(StandardCharsets.UTF_8));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).startsWith("malformed JSON");
        assertThat(server.github("pull_request", "d-malformed",
                WebhookServer.pullRequest("github/pull_request-opened.json", 12, "b".repeat(40))).statusCode())
                .isEqualTo(202);
    }

    @Test
    void missingFieldIsNamed() throws Exception {
        HttpResponse<String> r = server.github("pull_request", "d-missing",
                "{\"action\": \"opened\", \"repository\": {\"full_name\": \"o/r\"}}".getBytes(StandardCharsets.UTF_8));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("missing field pull_request.number");
        server.awaitIdle();
        assertThat(server.reviewer().attempts()).isEmpty();
    }

    @Test
    void missingEventOrDeliveryHeaderIsABadRequest() {
        byte[] body = WebhookServer.payload("github/pull_request-opened.json");
        String signature = WebhookServer.sign(WebhookServer.SECRET, body);

        assertThat(server.post("/webhooks/github", body, "X-GitHub-Delivery", "d-h1", "X-Hub-Signature-256", signature)
                .body()).isEqualTo("missing X-GitHub-Event header");
        assertThat(server.post("/webhooks/github", body, "X-GitHub-Event", "pull_request", "X-Hub-Signature-256", signature)
                .statusCode()).isEqualTo(400);
    }

    @Test
    void oversizedBodyIsRefused() throws Exception {
        String padding = "x".repeat(20_000);
        byte[] body = ("{\"action\": \"opened\", \"padding\": \"" + padding + "\"}").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> r = server.github("pull_request", "d-big", body);

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).isEqualTo("payload too large: limit is 16384 bytes (guardrails.webhook.max-body-bytes)");
        server.awaitIdle();
        assertThat(server.reviewer().attempts()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "closed       | \"action\": \"opened\"       | \"action\": \"closed\"     | ignored: pull_request action closed",
            "labeled      | \"action\": \"opened\"       | \"action\": \"labeled\"    | ignored: pull_request action labeled",
            "draft opened | \"draft\": false           | \"draft\": true          | ignored: draft pull request"})
    void uninterestingPullRequestActionsAreIgnored(String name, String from, String to, String answer) throws Exception {
        String body = new String(WebhookServer.payload("github/pull_request-opened.json"), StandardCharsets.UTF_8);
        assertThat(body).contains(from);

        HttpResponse<String> r = server.github("pull_request", "d-ignored-" + name,
                body.replace(from, to).getBytes(StandardCharsets.UTF_8));

        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.body()).isEqualTo(answer);
        server.awaitIdle();
        assertThat(server.reviewer().attempts()).isEmpty();
    }

    @Test
    void draftThatBecomesReadyIsReviewed() throws Exception {
        String body = new String(WebhookServer.payload("github/pull_request-opened.json"), StandardCharsets.UTF_8)
                .replace("\"action\": \"opened\"", "\"action\": \"ready_for_review\"")
                .replace("\"draft\": false", "\"draft\": true");

        HttpResponse<String> r = server.github("pull_request", "d-ready", body.getBytes(StandardCharsets.UTF_8));

        assertThat(r.statusCode()).isEqualTo(202);
        server.awaitIdle();
        assertThat(server.reviewer().reviewed()).hasSize(1);
    }

    @Test
    void otherEventsAreIgnored() {
        HttpResponse<String> r = server.github("push", "d-push", "{\"ref\": \"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.body()).isEqualTo("ignored: event push");
    }

    @Test
    void rescanWithoutApiAccessIsNotImplemented() throws Exception {
        HttpResponse<String> r = server.github("issue_comment", "d-rescan-501",
                WebhookServer.payload("github/issue_comment-rescan.json"));

        assertThat(r.statusCode()).isEqualTo(501);
        assertThat(r.body()).isEqualTo("rescan needs API access");
        server.awaitIdle();
        assertThat(server.reviewer().attempts()).isEmpty();
    }

    @Test
    void plainCommentsAreIgnored() {
        String body = new String(WebhookServer.payload("github/issue_comment-rescan.json"), StandardCharsets.UTF_8)
                .replace("\"body\": \"/guardrails rescan\"", "\"body\": \"LGTM, but /guardrails rescan later\"");

        HttpResponse<String> r = server.github("issue_comment", "d-lgtm", body.getBytes(StandardCharsets.UTF_8));

        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.body()).isEqualTo("ignored: comment is not a guardrails command");
    }
}
