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
                            Long installationId, boolean baseChanged) {

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
                    p.optNumber("installation.id").orElse(null),
                    p.has("changes.base"));
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

    /**
     * {@code check_run} or {@code check_suite} event. Re-run requests name the PRs of the head
     * commit; GitHub leaves that list empty for PRs from forks, which then cannot be resolved here.
     */
    record CheckEvent(String action, String repository, String checkName, Integer number, Long installationId) {

        static CheckEvent of(String event, Payload p) throws PayloadException {
            String root = event.equals("check_run") ? "check_run" : "check_suite";
            Optional<Long> number = p.optNumber(root + ".pull_requests.0.number");
            return new CheckEvent(
                    p.text("action"),
                    p.text("repository.full_name"),
                    event.equals("check_run") ? p.optText("check_run.name").orElse("") : null,
                    number.filter(n -> n > 0 && n <= Integer.MAX_VALUE).map(Long::intValue).orElse(null),
                    p.optNumber("installation.id").orElse(null));
        }
    }

    /** {@code merge_group} event: a merge queue wants checks on a temporary branch. */
    record MergeGroupEvent(String action, String repository, String cloneUrl, String baseRef, String baseSha,
                           String headSha, Long installationId) {

        static MergeGroupEvent of(Payload p) throws PayloadException {
            return new MergeGroupEvent(
                    p.text("action"),
                    p.text("repository.full_name"),
                    p.text("repository.clone_url"),
                    p.text("merge_group.base_ref").replaceFirst("^refs/heads/", ""),
                    p.optText("merge_group.base_sha").orElse(null),
                    p.text("merge_group.head_sha"),
                    p.optNumber("installation.id").orElse(null));
        }
    }
}
