package dev.guardrails.plugin.review;

/**
 * One pull/merge request at one head commit, to be reviewed. Built from a webhook payload, a
 * comment command or the reconciler; never carries credentials.
 *
 * @param forge          GitHub or GitLab
 * @param apiBaseUrl     REST API root, e.g. https://api.github.com or https://gitlab.example.com/api/v4
 * @param repository     owner/name (GitHub) or the project's full path (GitLab)
 * @param projectId      GitLab's numeric project id; null on GitHub
 * @param number         PR number or MR iid; 0 for a GitHub merge queue group, which has no single PR
 * @param baseRef        target branch name
 * @param baseSha        target branch commit the PR is compared with
 * @param baseCloneUrl   clone URL of the target repository
 * @param headSha        the PR's head commit
 * @param headCloneUrl   clone URL of the head repository (differs from base for forks)
 * @param installationId GitHub App installation id, or null when a plain token is used
 * @param trigger        what asked for the review: a delivery id, "reconcile" or "command"
 */
public record ReviewRequest(
        Forge forge,
        String apiBaseUrl,
        String repository,
        String projectId,
        int number,
        String baseRef,
        String baseSha,
        String baseCloneUrl,
        String headSha,
        String headCloneUrl,
        Long installationId,
        String trigger) {

    /** Identity of the work: the same PR at the same head is reviewed once. */
    public String key() {
        return forge + ":" + repository + "#" + number + "@" + headSha;
    }

    /** False for a merge queue group: it gets a check or status, no comment. */
    public boolean onPullRequest() {
        return number > 0;
    }

    public boolean fromFork() {
        return headCloneUrl != null && !headCloneUrl.equals(baseCloneUrl);
    }
}
