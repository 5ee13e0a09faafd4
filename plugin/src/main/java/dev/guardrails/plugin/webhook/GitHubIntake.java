package dev.guardrails.plugin.webhook;

import dev.guardrails.plugin.config.GitHubSettings;
import dev.guardrails.plugin.review.Forge;
import dev.guardrails.plugin.review.ReviewRequest;
import dev.guardrails.plugin.forge.GitHubClient;
import dev.guardrails.plugin.webhook.GitHubEvents.CheckEvent;
import dev.guardrails.plugin.webhook.GitHubEvents.IssueCommentEvent;
import dev.guardrails.plugin.webhook.GitHubEvents.MergeGroupEvent;
import dev.guardrails.plugin.webhook.GitHubEvents.PullRequestEvent;
import jakarta.inject.Singleton;

import java.util.Set;

/** Decides what a verified GitHub delivery asks for. Pure: no I/O, no queue. */
@Singleton
final class GitHubIntake {

    /**
     * Actions that change what a review would see; drafts are skipped except when they become ready.
     * {@code edited} counts only when the base branch changed.
     */
    private static final Set<String> REVIEW_ACTIONS = Set.of("opened", "synchronize", "reopened", "ready_for_review");

    private final GitHubSettings settings;

    GitHubIntake(GitHubSettings settings) {
        this.settings = settings;
    }

    Outcome handle(String event, String deliveryId, Payload payload) throws PayloadException {
        return switch (event) {
            case "ping" -> new Outcome.Pong();
            case "pull_request" -> pullRequest(PullRequestEvent.of(payload), deliveryId);
            case "issue_comment" -> comment(IssueCommentEvent.of(payload));
            case "check_run", "check_suite" -> rerun(event, CheckEvent.of(event, payload));
            case "merge_group" -> mergeGroup(MergeGroupEvent.of(payload), deliveryId);
            default -> new Outcome.Ignored("event " + event);
        };
    }

    private Outcome pullRequest(PullRequestEvent e, String deliveryId) {
        boolean retargeted = "edited".equals(e.action()) && e.baseChanged();
        if (!REVIEW_ACTIONS.contains(e.action()) && !retargeted) {
            return new Outcome.Ignored("pull_request action " + e.action());
        }
        if (e.draft() && !"ready_for_review".equals(e.action())) {
            return new Outcome.Ignored("draft pull request");
        }
        if (e.head().cloneUrl() == null) {
            return new Outcome.Ignored("head repository no longer exists");
        }
        return new Outcome.Review(new ReviewRequest(Forge.GITHUB, settings.apiUrlOrDefault(), e.repository(), null,
                e.number(), e.base().ref(), e.base().sha(), e.base().cloneUrl(), e.head().sha(), e.head().cloneUrl(),
                e.installationId(), deliveryId));
    }

    /** The check's Re-run button (or "Re-run all checks"): review the PR's current head again. */
    private Outcome rerun(String event, CheckEvent e) {
        if (!"rerequested".equals(e.action())) {
            return new Outcome.Ignored(event + " action " + e.action());
        }
        if (e.checkName() != null && !GitHubClient.CHECK_NAME.equals(e.checkName())) {
            return new Outcome.Ignored("check run " + e.checkName() + " is not guardrails");
        }
        if (e.number() == null) {
            return new Outcome.Ignored(event + " names no pull request (a fork's PR: comment /guardrails rescan instead)");
        }
        return new Outcome.Rescan(new RescanTarget(Forge.GITHUB, settings.apiUrlOrDefault(), e.repository(), null,
                e.number(), e.installationId()));
    }

    /** A merge queue group: check the group's head against its base; there is no PR to comment on. */
    private Outcome mergeGroup(MergeGroupEvent e, String deliveryId) {
        if (!"checks_requested".equals(e.action())) {
            return new Outcome.Ignored("merge_group action " + e.action());
        }
        return new Outcome.Review(new ReviewRequest(Forge.GITHUB, settings.apiUrlOrDefault(), e.repository(), null,
                0, e.baseRef(), e.baseSha(), e.cloneUrl(), e.headSha(), e.cloneUrl(), e.installationId(), deliveryId));
    }

    /** Created and edited comments are treated alike (as on GitLab): editing a comment into the command runs it. */
    private Outcome comment(IssueCommentEvent e) {
        if (!"created".equals(e.action()) && !"edited".equals(e.action())) {
            return new Outcome.Ignored("issue_comment action " + e.action());
        }
        if (!e.onPullRequest()) {
            return new Outcome.Ignored("comment on an issue, not a pull request");
        }
        if (!RescanCommand.matches(e.body())) {
            return new Outcome.Ignored("comment is not a guardrails command");
        }
        if (!e.open()) {
            return new Outcome.Ignored("pull request is closed");
        }
        return new Outcome.Rescan(new RescanTarget(Forge.GITHUB, settings.apiUrlOrDefault(), e.repository(), null,
                e.number(), e.installationId()));
    }
}
