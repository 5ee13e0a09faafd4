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
 * @param skipped       apps, ApplicationSets and sources that were not rendered, with the reason
 */
public record RepoResult(String name, String location, String ref, String team, String revision, Status status,
                         String failureStage, String failure, long elapsedMillis, List<App> apps,
                         List<Skipped> skipped) {

    /** An app that was not rendered: see {@code SkippedApp}. */
    public record Skipped(String app, String location, String reason, String message) {
    }

    public RepoResult(String name, String location, String ref, String team, String revision, Status status,
                      String failureStage, String failure, long elapsedMillis, List<App> apps) {
        this(name, location, ref, team, revision, status, failureStage, failure, elapsedMillis, apps, List.of());
    }

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
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
    }

    /** False when an app of a scanned repo failed or was skipped, or the repo had no app at all. */
    public boolean covered() {
        return !failed() && !apps.isEmpty() && skipped.isEmpty() && apps.stream().allMatch(a -> a.error() == null);
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
