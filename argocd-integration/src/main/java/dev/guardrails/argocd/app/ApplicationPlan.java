package dev.guardrails.argocd.app;

import dev.guardrails.scanner.engine.AppTarget;
import java.util.List;

/**
 * What a scan of Argo CD Applications renders. Holds the temporary repo copies its kustomize
 * targets render from: keep it open until the scan is done, then close it.
 *
 * @param targets         render targets, in plan order
 * @param notes           skipped sources, ignored options, invalid apps, ApplicationSet problems
 * @param applications    every planned Application
 * @param pointsAtThisRepo true when some Application has a source in this checkout
 * @param copies          temporary copies, deleted by {@link #close()}
 */
public record ApplicationPlan(List<AppTarget> targets, List<PlanNote> notes, List<PlannedApp> applications,
                              boolean pointsAtThisRepo, RepoCopies copies) implements AutoCloseable {

    public ApplicationPlan {
        targets = List.copyOf(targets);
        notes = List.copyOf(notes);
        applications = List.copyOf(applications);
    }

    /**
     * One Application in the plan.
     *
     * @param name   its name
     * @param origin where it was found: a repo file, or {@code rendered by <parent>}
     * @param parent the app whose rendered output held it, or {@code null} for one found in the repo
     * @param depth  app-of-apps depth (0 for apps found in the repo)
     */
    public record PlannedApp(String name, String origin, String parent, int depth) {
    }

    /** Notes that mean Argo CD itself would fail: callers may report them as render failures. */
    public List<PlanNote> invalid() {
        return notes.stream().filter(n -> n.level() == PlanNote.Level.INVALID).toList();
    }

    @Override
    public void close() {
        copies.close();
    }
}
