package dev.guardrails.argocd.app;

import dev.guardrails.scanner.engine.PlatformRules;
import dev.guardrails.scanner.rule.RuleInfo;
import java.util.Locale;

/**
 * Something the planner could not render as Argo CD would, or chose not to. Notes go to stderr,
 * one line each, so stdout stays the report.
 *
 * @param level    how serious
 * @param app      the Application (or ApplicationSet) concerned
 * @param location file (and line) of its manifest
 * @param message  what happened
 * @param reason   for a {@link Level#SKIPPED} note, the coverage rule saying why (e.g.
 *                 {@code source-unsupported}); null for other levels
 */
public record PlanNote(Level level, String app, String location, String message, RuleInfo reason) {

    public PlanNote {
        if (level == Level.SKIPPED && reason == null) {
            reason = PlatformRules.APP_SKIPPED;
        }
    }

    public PlanNote(Level level, String app, String location, String message) {
        this(level, app, location, message, null);
    }

    /** A note that something was not rendered, for {@code reason}. */
    public static PlanNote skipped(RuleInfo reason, String app, String location, String message) {
        return new PlanNote(Level.SKIPPED, app, location, message, reason);
    }

    /** How a note affects the scan. */
    public enum Level {
        /** Rendered, but something was ignored (e.g. jsonnet options). */
        INFO,
        /** A source or app was not rendered: it needs the network, another repo or a plugin. */
        SKIPPED,
        /** Argo CD itself would refuse the app: nothing of it renders there either. */
        INVALID
    }

    /** One line for stderr: {@code guardrails: skipped: apps/x.yaml: Application 'x': ...}. */
    public String line() {
        String where = location == null || location.isBlank() ? "" : location + ": ";
        String who = app == null || app.isBlank() ? "" : "'" + app + "': ";
        return "guardrails: " + level.name().toLowerCase(Locale.ROOT) + ": " + where + who + message;
    }
}
