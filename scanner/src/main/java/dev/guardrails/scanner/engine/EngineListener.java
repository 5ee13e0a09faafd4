package dev.guardrails.scanner.engine;

/**
 * Told about every app the engine has rendered and checked, e.g. to export metrics. Called from
 * the engine's worker threads, so implementations must be thread-safe and quick.
 */
@FunctionalInterface
public interface EngineListener {

    /**
     * @param result      the app's report (type, render time, failure), objects and findings
     * @param checkMillis time spent running the rules on it
     */
    void appChecked(AppResult result, long checkMillis);

    EngineListener NONE = (result, checkMillis) -> { };
}
