package dev.guardrails.plugin.webhook;

import java.util.Optional;

/** The parts of GitHub webhook payloads the intake uses, bound to records at the edge. */
final class GitHubEvents {

    private GitHubEvents() {
    }

    /** One side of a pull request; {@code cloneUrl} is null when the head fork has been deleted. */
    record Side(String ref, String sha, String cloneUrl) {
    }

    /** {@code pull_request} event. */
    record PullRequestEvent(String action, String repository, int number, boolean draft, Side base, Side head,
                            Long installationId) {

        static PullRequestEvent of(Payload p) throws PayloadException {
            return new PullRequestEvent(
                    p.text("action"),
                    p.text("repository.full_name"),
                    p.intNumber("pull_request.number"),
                    p.flag("pull_request.draft"),
                    new Side(p.text("pull_request.base.ref"), p.text("pull_request.base.sha"),
                            p.text("pull_request.base.repo.clone_url")),
                    new Side(p.text("pull_request.head.ref"), p.text("pull_request.head.sha"),
                            p.optText("pull_request.head.repo.clone_url").orElse(null)),
                    p.optNumber("installation.id").orElse(null));
        }
    }

    /** {@code issue_comment} event; GitHub models pull requests as issues with a {@code pull_request} link. */
    record IssueCommentEvent(String action, String repository, int number, boolean onPullRequest, boolean open,
                             String body, Long installationId) {

        static IssueCommentEvent of(Payload p) throws PayloadException {
            Optional<String> body = p.optText("comment.body");
            return new IssueCommentEvent(
                    p.text("action"),
                    p.text("repository.full_name"),
                    p.intNumber("issue.number"),
                    p.has("issue.pull_request"),
                    !"closed".equals(p.optText("issue.state").orElse("open")),
                    body.orElse(""),
                    p.optNumber("installation.id").orElse(null));
        }
    }
}
