package dev.guardrails.plugin.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guardrails.plugin.review.Forge;
import dev.guardrails.plugin.review.ReviewRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The events behind visible states, on the real server with recorded payload shapes: GitHub's Re-run
 * (check_run / check_suite rerequested), merge queues, base branch changes, edited comments on both
 * forges, and the in-progress mark on acceptance.
 */
class ReviewEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path stateDir;
    static WebhookServer server;

    @BeforeAll
    static void start() {
        server = WebhookServer.start(stateDir, Map.of("webhook-test.resolver", "true"));
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

    private RecordingResolver resolver() {
        return server.context().getBean(RecordingResolver.class);
    }

    private static byte[] edit(String resource, java.util.function.Consumer<ObjectNode> change) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(WebhookServer.payload(resource));
        change.accept(root);
        return JSON.writeValueAsBytes(root);
    }

    /** Waits for the dispatcher's lookup and the queue to finish. */
    private void settle() throws Exception {
        for (int i = 0; i < 300 && server.reviewer().reviewed().isEmpty(); i++) {
            Thread.sleep(20);
        }
        server.awaitIdle();
    }

    @Test
    void acceptedPullRequestIsMarkedInProgressAtOnce() throws Exception {
        HttpResponse<String> r = server.github("pull_request", "e-accepted",
                WebhookServer.pullRequest("github/pull_request-opened.json", 31, "3".repeat(40)));

        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(server.reviewer().accepted()).singleElement()
                .satisfies(req -> assertThat(req.headSha()).isEqualTo("3".repeat(40)));
    }

    @Test
    void checkRunRerunReviewsThePullRequestsCurrentHead() throws Exception {
        int before = resolver().calls().size();
        HttpResponse<String> r = server.github("check_run", "e-rerun", WebhookServer.payload("github/check_run-rerequested.json"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(r.body()).isEqualTo("rescan queued");
        settle();
        assertThat(resolver().calls().subList(before, resolver().calls().size())).singleElement().satisfies(t -> {
            assertThat(t.repository()).isEqualTo("Codertocat/Hello-World");
            assertThat(t.number()).isEqualTo(2);
            assertThat(t.installationId()).isEqualTo(2311213L);
        });
        assertThat(server.reviewer().reviewed()).singleElement()
                .satisfies(req -> assertThat(req.headSha()).isEqualTo(RecordingResolver.HEAD));
        assertThat(server.reviewer().accepted()).hasSize(1);
    }

    @Test
    void rerunOfAnotherAppsCheckIsIgnored() throws Exception {
        byte[] body = edit("github/check_run-rerequested.json",
                root -> ((ObjectNode) root.get("check_run")).put("name", "ci/build"));

        HttpResponse<String> r = server.github("check_run", "e-other", body);

        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.body()).isEqualTo("ignored: check run ci/build is not guardrails");
    }

    @Test
    void rerunWithoutPullRequestsSaysWhatToDo() throws Exception {
        byte[] body = edit("github/check_run-rerequested.json",
                root -> ((ObjectNode) root.get("check_run")).putArray("pull_requests"));

        HttpResponse<String> r = server.github("check_run", "e-fork-rerun", body);

        assertThat(r.body()).startsWith("ignored: check_run names no pull request").contains("/guardrails rescan");
    }

    @Test
    void checkSuiteRerunIsARescanToo() throws Exception {
        HttpResponse<String> r = server.github("check_suite", "e-suite", WebhookServer.payload("github/check_suite-rerequested.json"));

        assertThat(r.body()).isEqualTo("rescan queued");
        settle();
        assertThat(server.reviewer().reviewed()).hasSize(1);
        // A suite's automatic "requested" (every push) is not a re-run.
        byte[] requested = edit("github/check_suite-rerequested.json", root -> root.put("action", "requested"));
        assertThat(server.github("check_suite", "e-suite-requested", requested).body())
                .isEqualTo("ignored: check_suite action requested");
    }

    @Test
    void mergeGroupIsReviewedAsItsOwnWorkWithoutAPullRequest() throws Exception {
        HttpResponse<String> r = server.github("merge_group", "e-queue",
                WebhookServer.payload("github/merge_group-checks_requested.json"));

        assertThat(r.statusCode()).isEqualTo(202);
        server.awaitIdle();
        assertThat(server.reviewer().reviewed()).containsExactly(new ReviewRequest(Forge.GITHUB,
                "https://ghe.example.com/api/v3", "Codertocat/Hello-World", null, 0, "master",
                "f95f852bd8fca8fcc58a9a2d6c842781e32a215e", "https://github.com/Codertocat/Hello-World.git",
                "2ffea6db159f6b6c47a24e778fb9ef40cf6b1c7d", "https://github.com/Codertocat/Hello-World.git",
                2311213L, "e-queue"));
        assertThat(server.reviewer().reviewed().get(0).onPullRequest()).isFalse();
        byte[] destroyed = edit("github/merge_group-checks_requested.json", root -> root.put("action", "destroyed"));
        assertThat(server.github("merge_group", "e-queue-gone", destroyed).body()).isEqualTo("ignored: merge_group action destroyed");
    }

    @Test
    void baseBranchChangeIsReviewedAndOtherEditsAreNot() throws Exception {
        byte[] retarget = edit("github/pull_request-opened.json", root -> {
            root.put("action", "edited");
            root.putObject("changes").putObject("base").putObject("ref").put("from", "develop");
        });
        byte[] retitle = edit("github/pull_request-opened.json", root -> {
            root.put("action", "edited");
            root.putObject("changes").putObject("title").put("from", "Old title");
        });

        HttpResponse<String> r = server.github("pull_request", "e-retarget", retarget);
        HttpResponse<String> ignored = server.github("pull_request", "e-retitle", retitle);

        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.body()).startsWith("review queued");
        assertThat(ignored.body()).isEqualTo("ignored: pull_request action edited");
        server.awaitIdle();
        assertThat(server.reviewer().reviewed()).singleElement().satisfies(req -> assertThat(req.baseRef()).isEqualTo("master"));
    }

    @Test
    void editedCommentIsACommandOnGitHubAsOnGitLab() throws Exception {
        byte[] github = edit("github/issue_comment-rescan.json", root -> root.put("action", "edited"));
        byte[] deleted = edit("github/issue_comment-rescan.json", root -> root.put("action", "deleted"));
        byte[] gitlab = edit("gitlab/note-rescan.json",
                root -> ((ObjectNode) root.get("object_attributes")).put("action", "update"));

        assertThat(server.github("issue_comment", "e-edited", github).body()).isEqualTo("rescan queued");
        assertThat(server.github("issue_comment", "e-deleted", deleted).body()).isEqualTo("ignored: issue_comment action deleted");
        settle();
        assertThat(server.reviewer().reviewed()).hasSize(1);
        server.reviewer().reset();

        HttpResponse<String> r = server.gitlab("Note Hook", "e-gl-edited", gitlab);
        assertThat(r.statusCode()).isEqualTo(202);
        server.awaitIdle();
        assertThat(server.reviewer().reviewed()).singleElement().satisfies(req -> assertThat(req.trigger()).isEqualTo("command"));
    }

    @Test
    void gitLabTargetBranchChangeIsReviewed() throws Exception {
        byte[] body = edit("gitlab/merge_request-update.json", root -> {
            ((ObjectNode) root.get("object_attributes")).remove("oldrev");
            ObjectNode target = ((ObjectNode) root.with("changes")).putObject("target_branch");
            target.put("previous", "develop");
            target.put("current", "master");
        });
        byte[] labelsOnly = edit("gitlab/merge_request-update.json", root -> {
            ((ObjectNode) root.get("object_attributes")).remove("oldrev");
            ((ObjectNode) root.with("changes")).remove("target_branch");
        });

        HttpResponse<String> r = server.gitlab("Merge Request Hook", "e-gl-target", body);
        HttpResponse<String> ignored = server.gitlab("Merge Request Hook", "e-gl-labels", labelsOnly);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(r.body()).startsWith("review queued");
        assertThat(ignored.body()).isEqualTo("ignored: merge request update without new commits");
        server.awaitIdle();
        assertThat(server.reviewer().reviewed()).hasSize(1);
        assertThat(new String(body, StandardCharsets.UTF_8)).contains("target_branch");
    }

    @Test
    void aReviewThatFailsForGoodIsPublishedAsFailedWithoutCredentials() throws Exception {
        server.reviewer().failNext(10);

        HttpResponse<String> r = server.github("pull_request", "e-fails",
                WebhookServer.pullRequest("github/pull_request-opened.json", 41, "4".repeat(40)));

        assertThat(r.statusCode()).isEqualTo(202);
        server.awaitIdle();
        assertThat(server.reviewer().failed()).singleElement().satisfies(f -> assertThat(f)
                .startsWith("GITHUB:Codertocat/Hello-World#41@" + "4".repeat(40) + ": IOException")
                .contains("clone of https://***@github.com/o/r.git failed").doesNotContain("ghs_abc123"));
    }
}
