package dev.guardrails.scanner.audit;

import java.util.List;

/**
 * What happened to one repo of an audit: scanned (with its apps), or failed with a reason.
 *
 * @param name          repo name
 * @param location      URL or path, credentials removed
 * @param ref           requested ref, or null
 * @param team          owning team, or empty
 * @param revision      commit scanned, empty for a plain directory or a failure
 * @param status        scanned or failed
 * @param failureStage  for failures: {@code clone}, {@code config}, {@code timeout} or {@code scan}
 * @param failure       for failures: why, naming the repo and ref, never credentials
 * @param elapsedMillis wall time for this repo
 * @param apps          apps rendered and checked
 */
public record RepoResult(String name, String location, String ref, String team, String revision, Status status,
                         String failureStage, String failure, long elapsedMillis, List<App> apps) {

    /** Outcome of a repo. */
    public enum Status {
        SCANNED, FAILED
    }

    /**
     * One app of a scanned repo.
     *
     * @param error why rendering failed, or null
     */
    public record App(String name, String path, String type, int objects, long renderMillis, String error) {
    }

    public RepoResult {
        team = team == null ? "" : team;
        revision = revision == null ? "" : revision;
        apps = apps == null ? List.of() : List.copyOf(apps);
    }

    static RepoResult failed(AuditRepo repo, String stage, String reason, long elapsedMillis) {
        return new RepoResult(repo.name(), repo.shownLocation(), repo.ref(), repo.team(), "", Status.FAILED, stage,
                reason, elapsedMillis, List.of());
    }

    public boolean failed() {
        return status == Status.FAILED;
    }

    /** Objects rendered and checked in this repo. */
    public int objects() {
        return apps.stream().mapToInt(App::objects).sum();
    }
}
