package dev.guardrails.plugin.webhook;

/** The parts of GitLab webhook payloads the intake uses, bound to records at the edge. */
final class GitLabEvents {

    private GitLabEvents() {
    }

    /** {@code Merge Request Hook}. {@code hasOldrev} marks an update that pushed new commits. */
    record MergeRequestEvent(String action, String projectId, String repository, int iid, String targetBranch,
                             String headSha, String sourceCloneUrl, String targetCloneUrl, boolean draft,
                             boolean hasOldrev, boolean markedReady, boolean targetChanged) {

        static MergeRequestEvent of(Payload p) throws PayloadException {
            return new MergeRequestEvent(
                    p.optText("object_attributes.action").orElse(""),
                    p.text("project.id"),
                    p.text("project.path_with_namespace"),
                    p.intNumber("object_attributes.iid"),
                    p.text("object_attributes.target_branch"),
                    p.text("object_attributes.last_commit.id"),
                    p.text("object_attributes.source.git_http_url"),
                    p.text("object_attributes.target.git_http_url"),
                    p.flag("object_attributes.draft") || p.flag("object_attributes.work_in_progress"),
                    p.optText("object_attributes.oldrev").filter(s -> !s.isBlank()).isPresent(),
                    p.flag("changes.draft.previous") && p.has("changes.draft.current") && !p.flag("changes.draft.current"),
                    p.has("changes.target_branch"));
        }
    }

    /**
     * {@code Note Hook} (a comment). On merge requests it carries the MR's current head and clone URLs;
     * {@code headSha} and the URLs are null when an older GitLab leaves them out.
     */
    record NoteEvent(String action, String noteableType, String note, String projectId, String repository, int iid, boolean open,
                     String targetBranch, String headSha, String sourceCloneUrl, String targetCloneUrl) {

        static NoteEvent of(Payload p) throws PayloadException {
            String type = p.optText("object_attributes.noteable_type").orElse("");
            boolean onMergeRequest = "MergeRequest".equals(type);
            return new NoteEvent(
                    p.optText("object_attributes.action").orElse("create"),
                    type,
                    p.optText("object_attributes.note").orElse(""),
                    p.text("project.id"),
                    p.text("project.path_with_namespace"),
                    onMergeRequest ? p.intNumber("merge_request.iid") : 0,
                    "opened".equals(p.optText("merge_request.state").orElse("opened")),
                    p.optText("merge_request.target_branch").orElse(null),
                    p.optText("merge_request.last_commit.id").orElse(null),
                    p.optText("merge_request.source.git_http_url").orElse(null),
                    p.optText("merge_request.target.git_http_url").orElse(null));
        }
    }
}
