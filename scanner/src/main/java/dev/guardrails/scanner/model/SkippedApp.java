package dev.guardrails.scanner.model;

/**
 * An app (or ApplicationSet, or one source of an app) that a scan did not render, and why.
 *
 * @param app      the Application, ApplicationSet or app name
 * @param location file (and line) where it is defined, or empty
 * @param reason   the coverage rule id saying why ({@code source-unsupported}, {@code source-unavailable},
 *                 {@code appset-not-expanded}, {@code template-unresolved}, {@code app-skipped})
 * @param message  what happened, for people
 */
public record SkippedApp(String app, String location, String reason, String message) {

    public SkippedApp {
        app = app == null ? "" : app;
        location = location == null ? "" : location;
        reason = reason == null ? "app-skipped" : reason;
        message = message == null ? "" : message;
    }
}
