package dev.guardrails.plugin.webhook;

import dev.guardrails.plugin.review.Forge;
import dev.guardrails.plugin.review.ReviewRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GitLabWebhookTest {

    private static final String MR = "Merge Request Hook";

    @TempDir
    static Path stateDir;
    static WebhookServer server;

    @BeforeAll
    static void start() {
        server = WebhookServer.start(stateDir, Map.of());
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
    void openedMergeRequestIsReviewedWithoutABaseSha() throws Exception {
        HttpResponse<String> r = server.gitlab(MR, "u-open", WebhookServer.payload("gitlab/merge_request-open.json"));

        assertThat(r.statusCode()).isEqualTo(202);
        server.awaitIdle();
        ReviewRequest expected = new ReviewRequest(Forge.GITLAB, "https://gitlab.example.com/api/v4",
                "gitlabhq/gitlab-test", "1", 1, "master", null, "http://example.com/gitlabhq/gitlab-test.git",
                "da1560886d4f094c3e6c9ef40349f7d38b5d27d7", "http://example.com/awesome_space/awesome_project.git",
                null, "u-open");
        assertThat(server.reviewer().reviewed()).containsExactly(expected);
        assertThat(expected.fromFork()).isTrue();
    }

    @Test
    void updateWithNewCommitsIsReviewedAtTheNewHead() throws Exception {
        HttpResponse<String> r = server.gitlab(MR, "u-update", WebhookServer.payload("gitlab/merge_request-update.json"));

        assertThat(r.statusCode()).isEqualTo(202);
        server.awaitIdle();
        assertThat(server.reviewer().reviewed()).singleElement()
                .satisfies(req -> assertThat(req.headSha()).isEqualTo("b83d6e391c22777fca1ed3012fce84f633d7fed0"));
    }

    @Test
    void updateWithoutNewCommitsIsIgnored() throws Exception {
        String body = new String(WebhookServer.payload("gitlab/merge_request-update.json"), StandardCharsets.UTF_8)
                .replace("\"oldrev\"", "\"not_oldrev\"");

        HttpResponse<String> r = server.gitlab(MR, "u-relabel", body.getBytes(StandardCharsets.UTF_8));

        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.body()).isEqualTo("ignored: merge request update without new commits");
        server.awaitIdle();
        assertThat(server.reviewer().attempts()).isEmpty();
    }

    @Test
    void mergedAndDraftMergeRequestsAreIgnored() {
        String open = new String(WebhookServer.payload("gitlab/merge_request-open.json"), StandardCharsets.UTF_8);

        assertThat(server.gitlab(MR, "u-merge", open.replace("\"action\": \"open\"", "\"action\": \"merge\"")
                .getBytes(StandardCharsets.UTF_8)).body()).isEqualTo("ignored: merge request action merge");
        assertThat(server.gitlab(MR, "u-draft", open.replace("\"draft\": false", "\"draft\": true")
                .getBytes(StandardCharsets.UTF_8)).body()).isEqualTo("ignored: draft merge request");
    }

    @Test
    void wrongOrMissingTokenIsRefusedAndNothingHappens() throws Exception {
        byte[] body = WebhookServer.payload("gitlab/merge_request-open.json");

        HttpResponse<String> wrong = server.post("/webhooks/gitlab", body, "X-Gitlab-Event", MR,
                "X-Gitlab-Event-UUID", "u-bad", "X-Gitlab-Token", WebhookServer.TOKEN + "x");
        HttpResponse<String> missing = server.post("/webhooks/gitlab", body, "X-Gitlab-Event", MR,
                "X-Gitlab-Event-UUID", "u-bad");

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo("invalid token");
        assertThat(missing.statusCode()).isEqualTo(401);
        server.awaitIdle();
        assertThat(server.reviewer().attempts()).isEmpty();
    }

    @Test
    void replayedEventUuidIsReviewedOnce() throws Exception {
        byte[] body = WebhookServer.payload("gitlab/merge_request-open.json");

        assertThat(server.gitlab(MR, "u-replay", body).statusCode()).isEqualTo(202);
        server.awaitIdle();
        HttpResponse<String> replay = server.gitlab(MR, "u-replay", body);

        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.body()).isEqualTo("duplicate delivery");
        server.awaitIdle();
        assertThat(server.reviewer().attempts()).hasSize(1);
    }

    @Test
    void rescanNoteReviewsTheMergeRequestHeadFromThePayload() throws Exception {
        HttpResponse<String> r = server.gitlab("Note Hook", "u-note", WebhookServer.payload("gitlab/note-rescan.json"));

        assertThat(r.statusCode()).isEqualTo(202);
        server.awaitIdle();
        assertThat(server.reviewer().reviewed()).singleElement().satisfies(req -> {
            assertThat(req.trigger()).isEqualTo("command");
            assertThat(req.projectId()).isEqualTo("5");
            assertThat(req.number()).isEqualTo(1);
            assertThat(req.baseRef()).isEqualTo("markdown");
            assertThat(req.headSha()).isEqualTo("562e173be03b8ff2efb05345d12df18815438a4b");
        });
    }

    @Test
    void rescanNoteWithoutTheHeadNeedsTheApi() throws Exception {
        String body = new String(WebhookServer.payload("gitlab/note-rescan.json"), StandardCharsets.UTF_8)
                .replace("\"last_commit\"", "\"no_last_commit\"");

        HttpResponse<String> r = server.gitlab("Note Hook", "u-note-api", body.getBytes(StandardCharsets.UTF_8));

        assertThat(r.statusCode()).isEqualTo(501);
        assertThat(r.body()).isEqualTo("rescan needs API access");
    }

    @Test
    void notesOnIssuesAreIgnored() {
        String body = new String(WebhookServer.payload("gitlab/note-rescan.json"), StandardCharsets.UTF_8)
                .replace("\"noteable_type\": \"MergeRequest\"", "\"noteable_type\": \"Issue\"");

        HttpResponse<String> r = server.gitlab("Note Hook", "u-issue", body.getBytes(StandardCharsets.UTF_8));

        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.body()).isEqualTo("ignored: comment on a Issue, not a merge request");
    }
}
