package dev.guardrails.scanner.engine;

import java.time.Clock;

/**
 * How to run a scan.
 *
 * @param profile     environment profile to apply to every app, or null to match profiles by path
 * @param parallelism apps rendered and checked at once
 * @param clock       today's date for exemption expiry
 */
public record ScanOptions(String profile, int parallelism, Clock clock) {

    public ScanOptions {
        parallelism = Math.max(1, parallelism);
        clock = clock == null ? Clock.systemUTC() : clock;
    }

    public static ScanOptions defaults() {
        return new ScanOptions(null, Runtime.getRuntime().availableProcessors(), Clock.systemUTC());
    }
}
