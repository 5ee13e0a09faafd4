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
            case "pull_request" -> pullRequest(payload, deliveryId);
            case "issue_comment" -> {
                // Decided from the action before the body is validated: unwanted deliveries get 2xx.
                String action = payload.peek("action");
                yield "created".equals(action) || "edited".equals(action) ? comment(IssueCommentEvent.of(payload))
                        : new Outcome.Ignored("issue_comment action " + printable(action));
            }
            case "check_run", "check_suite" -> rerun(event, CheckEvent.of(event, payload));
            case "merge_group" -> mergeGroup(MergeGroupEvent.of(payload), deliveryId);
            default -> new Outcome.Ignored("event " + event);
        };
    }

    /** Whether deliveries of this event type are ever acted on; others are answered without reading the body. */
    static boolean handles(String event) {
        return switch (event) {
            case "ping", "pull_request", "issue_comment", "check_run", "check_suite", "merge_group" -> true;
            default -> false;
        };
    }

    private Outcome pullRequest(Payload payload, String deliveryId) throws PayloadException {
        String action = payload.peek("action");
        if ("closed".equals(action)) {
            String repository = payload.peek("repository.full_name");
            String number = payload.peek("pull_request.number");
            if (!repository.isEmpty() && number.matches("[1-9][0-9]{0,9}") && Long.parseLong(number) <= Integer.MAX_VALUE) {
                return new Outcome.Cancel(Forge.GITHUB, repository, Integer.parseInt(number), "pull_request action closed");
            }
        }
        if (!REVIEW_ACTIONS.contains(action) && !"edited".equals(action)) {
            return new Outcome.Ignored("pull_request action " + printable(action));
        }
        return pullRequest(PullRequestEvent.of(payload), deliveryId);
    }

    static String printable(String action) {
        return action.isEmpty() ? "(none)" : action.length() > 64 ? action.substring(0, 64) + "..." : action;
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
