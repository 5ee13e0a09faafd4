package dev.guardrails.plugin.webhook;

import dev.guardrails.plugin.config.GitHubSettings;
import dev.guardrails.plugin.review.Forge;
import dev.guardrails.plugin.review.ReviewRequest;
import dev.guardrails.plugin.webhook.GitHubEvents.IssueCommentEvent;
import dev.guardrails.plugin.webhook.GitHubEvents.PullRequestEvent;
import jakarta.inject.Singleton;

import java.util.Set;

/** Decides what a verified GitHub delivery asks for. Pure: no I/O, no queue. */
@Singleton
final class GitHubIntake {

    /** Actions that change what a review would see; drafts are skipped except when they become ready. */
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
                yield "created".equals(action) ? comment(IssueCommentEvent.of(payload))
                        : new Outcome.Ignored("issue_comment action " + printable(action));
            }
            default -> new Outcome.Ignored("event " + event);
        };
    }

    /** Whether deliveries of this event type are ever acted on; others are answered without reading the body. */
    static boolean handles(String event) {
        return "ping".equals(event) || "pull_request".equals(event) || "issue_comment".equals(event);
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
        if (!REVIEW_ACTIONS.contains(action)) {
            return new Outcome.Ignored("pull_request action " + printable(action));
        }
        return pullRequest(PullRequestEvent.of(payload), deliveryId);
    }

    static String printable(String action) {
        return action.isEmpty() ? "(none)" : action.length() > 64 ? action.substring(0, 64) + "..." : action;
    }

    private Outcome pullRequest(PullRequestEvent e, String deliveryId) {
        if (!REVIEW_ACTIONS.contains(e.action())) {
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

    private Outcome comment(IssueCommentEvent e) {
        if (!"created".equals(e.action())) {
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
