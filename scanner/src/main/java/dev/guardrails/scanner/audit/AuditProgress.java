package dev.guardrails.scanner.audit;

/** Told each time a repo finishes; calls are serialised, so implementations need no locking. */
@FunctionalInterface
public interface AuditProgress {

    /** Does nothing. */
    AuditProgress NONE = (result, done, total) -> { };

    /**
     * @param result the repo that just finished
     * @param done   repos finished so far, this one included
     * @param total  repos in this audit
     */
    void repoDone(RepoResult result, int done, int total);
}
