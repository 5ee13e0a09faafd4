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
            case "Merge Request Hook" -> mergeRequest(payload, trigger);
            case "Note Hook" -> {
                // Decided from the noteable type before the body is validated: unwanted deliveries get 2xx.
                String type = payload.peek("object_attributes.noteable_type");
                yield "MergeRequest".equals(type) ? note(NoteEvent.of(payload))
                        : new Outcome.Ignored("comment on a " + GitHubIntake.printable(type) + ", not a merge request");
            }
            default -> new Outcome.Ignored("event " + event);
        };
    }

    /** Whether deliveries of this event type are ever acted on; others are answered without reading the body. */
    static boolean handles(String event) {
        return "Merge Request Hook".equals(event) || "Note Hook".equals(event);
    }

    private Outcome mergeRequest(Payload payload, String trigger) throws PayloadException {
        String action = payload.peek("object_attributes.action");
        switch (action) {
            case "open", "reopen", "update" -> {
                return mergeRequest(MergeRequestEvent.of(payload), trigger);
            }
            case "close", "merge" -> {
                String repository = payload.peek("project.path_with_namespace");
                String iid = payload.peek("object_attributes.iid");
                if (!repository.isEmpty() && iid.matches("[1-9][0-9]{0,9}") && Long.parseLong(iid) <= Integer.MAX_VALUE) {
                    return new Outcome.Cancel(Forge.GITLAB, repository, Integer.parseInt(iid), "merge request action " + action);
                }
                return new Outcome.Ignored("merge request action " + action);
            }
            default -> {
                return new Outcome.Ignored("merge request action " + GitHubIntake.printable(action));
            }
        }
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
