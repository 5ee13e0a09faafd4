package dev.guardrails.plugin.webhook;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The intake under faults, on the real server: a full disk, deliveries the bot ignores (answered 2xx
 * without validating their bodies), closed pull requests, foreign clone URLs and request ids.
 */
class WebhookFaultsTest {

    @TempDir
    Path stateDir;

    private WebhookServer server;

    @BeforeEach
    void start() {
        server = WebhookServer.start(stateDir, Map.of("guardrails.review.workers", 1));
    }

    @AfterEach
    void stop() {
        server.context().getBean(FlakyJournalStore.class).diskFull(false);
        server.close();
    }

    @Test
    void aDeliveryThatCannotBeJournaledGets503SoTheForgeRedelivers() throws Exception {
        FlakyJournalStore store = server.context().getBean(FlakyJournalStore.class);
        byte[] body = WebhookServer.payload("github/pull_request-opened.json");
        store.diskFull(true);

        HttpResponse<String> r = server.github("pull_request", "d-full", body);

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).hasValue(WebhookController.RETRY_AFTER_SECONDS);
        assertThat(r.body()).isEqualTo("cannot store the review durably right now, retry later");
        server.awaitIdle();
        assertThat(server.reviewer().attempts()).isEmpty();

        // The redelivery (same delivery id) is accepted once the disk has room again.
        store.diskFull(false);
        HttpResponse<String> again = server.github("pull_request", "d-full", body);
        assertThat(again.statusCode()).isEqualTo(202);
        server.awaitIdle();
        assertThat(server.reviewer().reviewed()).hasSize(1);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "Push Hook          | not json at all",
            "System Hook        | {\"object_kind\":\"merge_request\"}",
            "Tag Push Hook      | ",
            "Merge Request Hook | {\"object_kind\":\"merge_request\",\"object_attributes\":{\"action\":\"approved\"}}",
            "Merge Request Hook | {\"object_kind\":\"merge_request\",\"object_attributes\":{\"action\":\"close\"}}",
            "Merge Request Hook | {\"object_kind\":\"merge_request\",\"group\":{\"full_path\":\"acme\"},\"object_attributes\":{\"action\":\"unapproved\",\"iid\":\"x\"}}",
            "Note Hook          | {\"object_attributes\":{\"noteable_type\":\"Issue\"}}"})
    void gitLabEventsTheBotIgnoresGet2xxWithoutBodyValidation(String event, String body) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> r = server.gitlab(event, "u-ignored-" + event.hashCode() + "-" + bytes.length, bytes);

        assertThat(r.statusCode()).isBetween(200, 299);
        assertThat(r.body()).startsWith("ignored: ");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "push          | {\"ref\":\"refs/heads/main\"}",
            "check_suite   | []",
            "pull_request  | {\"action\":\"labeled\"}",
            "pull_request  | {\"action\":\"closed\",\"pull_request\":{}}",
            "issue_comment | {\"action\":\"edited\"}"})
    void gitHubEventsTheBotIgnoresGet2xxWithoutBodyValidation(String event, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> r = server.github(event, "d-ignored-" + event + body.hashCode(), bytes);

        assertThat(r.statusCode()).isBetween(200, 299);
        assertThat(r.body()).startsWith("ignored: ");
    }

    @Test
    void aPullRequestClosedWhileItsReviewIsQueuedIsNotReviewed() throws Exception {
        server.reviewer().hold();
        server.github("pull_request", "d-busy", WebhookServer.pullRequest("github/pull_request-opened.json", 1, "a".repeat(40)));
        server.reviewer().awaitStarted(1);
        assertThat(server.github("pull_request", "d-2", WebhookServer.pullRequest("github/pull_request-opened.json", 2,
                "b".repeat(40))).statusCode()).isEqualTo(202);

        String closed = new String(WebhookServer.pullRequest("github/pull_request-opened.json", 2, "b".repeat(40)),
                StandardCharsets.UTF_8).replace("\"action\":\"opened\"", "\"action\":\"closed\"");
        assertThat(closed).contains("\"action\":\"closed\"");
        HttpResponse<String> r = server.github("pull_request", "d-2-closed", closed.getBytes(StandardCharsets.UTF_8));

        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.body()).isEqualTo("ignored: pull_request action closed; cancelled 1 pending review(s)");
        server.reviewer().release();
        server.awaitIdle();
        assertThat(server.reviewer().reviewed()).extracting(rq -> rq.number()).containsExactly(1);
    }

    @Test
    void cloneUrlsOutsideTheForgeHostsAreRefused() throws Exception {
        String body = new String(WebhookServer.payload("github/pull_request-opened.json"), StandardCharsets.UTF_8)
                .replace("https://github.com/Codertocat/Hello-World.git", "http://169.254.169.254/latest/meta-data.git");
        assertThat(body).contains("169.254.169.254");

        HttpResponse<String> r = server.github("pull_request", "d-ssrf", body.getBytes(StandardCharsets.UTF_8));

        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("169.254.169.254").contains("guardrails.review.clone-hosts");
        server.awaitIdle();
        assertThat(server.reviewer().attempts()).isEmpty();
    }

    @Test
    void theDeliveryRequestIdReachesTheReviewLog() throws Exception {
        byte[] body = WebhookServer.payload("github/pull_request-opened.json");
        HttpResponse<String> r = server.post("/webhooks/github", body, "X-GitHub-Event", "pull_request",
                "X-GitHub-Delivery", "d-rid", "X-Hub-Signature-256", WebhookServer.sign(WebhookServer.SECRET, body),
                "X-Request-Id", "rid-7f3a");

        assertThat(r.statusCode()).isEqualTo(202);
        server.awaitIdle();
        assertThat(server.reviewer().requestIds()).containsExactly("rid-7f3a");
    }
}
