package dev.guardrails.plugin.webhook;

import dev.guardrails.plugin.config.GitLabSettings;
import dev.guardrails.plugin.review.Forge;
import dev.guardrails.plugin.review.ReviewRequest;
import dev.guardrails.plugin.webhook.GitLabEvents.MergeRequestEvent;
import dev.guardrails.plugin.webhook.GitLabEvents.NoteEvent;
import jakarta.inject.Singleton;

/**
 * Decides what a verified GitLab delivery asks for. Pure: no I/O, no queue. GitLab's merge request
 * hooks do not carry the target branch's commit, so requests leave {@code baseSha} null and the
 * reviewer resolves {@code baseRef} itself.
 */
@Singleton
final class GitLabIntake {

    private final GitLabSettings settings;

    GitLabIntake(GitLabSettings settings) {
        this.settings = settings;
    }

    Outcome handle(String event, String trigger, Payload payload) throws PayloadException {
        return switch (event) {
            case "Merge Request Hook" -> mergeRequest(MergeRequestEvent.of(payload), trigger);
            case "Note Hook" -> note(NoteEvent.of(payload));
            default -> new Outcome.Ignored("event " + event);
        };
    }

    private Outcome mergeRequest(MergeRequestEvent e, String trigger) {
        switch (e.action()) {
            case "open", "reopen" -> {
                if (e.draft()) {
                    return new Outcome.Ignored("draft merge request");
                }
            }
            case "update" -> {
                if (e.draft()) {
                    return new Outcome.Ignored("draft merge request");
                }
                if (!e.hasOldrev() && !e.markedReady() && !e.targetChanged()) {
                    return new Outcome.Ignored("merge request update without new commits");
                }
            }
            default -> {
                return new Outcome.Ignored("merge request action " + (e.action().isEmpty() ? "(none)" : e.action()));
            }
        }
        return new Outcome.Review(new ReviewRequest(Forge.GITLAB, settings.apiUrlOrDefault(), e.repository(),
                e.projectId(), e.iid(), e.targetBranch(), null, e.targetCloneUrl(), e.headSha(), e.sourceCloneUrl(),
                null, trigger));
    }

    /** Created and edited notes are treated alike (as on GitHub); older GitLab sends no action at all. */
    private Outcome note(NoteEvent e) {
        if (!"create".equals(e.action()) && !"update".equals(e.action())) {
            return new Outcome.Ignored("note action " + e.action());
        }
        if (!"MergeRequest".equals(e.noteableType())) {
            return new Outcome.Ignored("comment on a " + (e.noteableType().isEmpty() ? "(unknown)" : e.noteableType())
                    + ", not a merge request");
        }
        if (!RescanCommand.matches(e.note())) {
            return new Outcome.Ignored("comment is not a guardrails command");
        }
        if (!e.open()) {
            return new Outcome.Ignored("merge request is not open");
        }
        if (e.headSha() != null && e.targetBranch() != null && e.sourceCloneUrl() != null && e.targetCloneUrl() != null) {
            return new Outcome.Review(new ReviewRequest(Forge.GITLAB, settings.apiUrlOrDefault(), e.repository(),
                    e.projectId(), e.iid(), e.targetBranch(), null, e.targetCloneUrl(), e.headSha(),
                    e.sourceCloneUrl(), null, RescanCommand.TRIGGER));
        }
        return new Outcome.Rescan(new RescanTarget(Forge.GITLAB, settings.apiUrlOrDefault(), e.repository(),
                e.projectId(), e.iid(), null));
    }
}
