package dev.guardrails.scanner.engine;

import java.time.Clock;
import java.time.Duration;

/**
 * How to run a scan.
 *
 * @param profile     environment profile to apply to every app, or null to match profiles by path
 * @param parallelism apps rendered and checked at once
 * @param clock       today's date for exemption expiry
 * @param appTimeout  one budget per app for render, parse and checks together (null or zero: none)
 * @param scanTimeout one deadline for the whole scan (null or zero: none); apps not finished by then
 *                    are reported as {@code app-timeout}
 */
public record ScanOptions(String profile, int parallelism, Clock clock, Duration appTimeout, Duration scanTimeout) {

    /** Per app: twice the render budget, so a slow render still leaves time for the checks. */
    public static final Duration DEFAULT_APP_TIMEOUT = Duration.ofSeconds(120);
    /** Per scan: an audit of a large repo fits; a hostile one cannot hold a worker for hours. */
    public static final Duration DEFAULT_SCAN_TIMEOUT = Duration.ofMinutes(20);

    public ScanOptions {
        parallelism = Math.max(1, parallelism);
        clock = clock == null ? Clock.systemUTC() : clock;
    }

    public ScanOptions(String profile, int parallelism, Clock clock) {
        this(profile, parallelism, clock, DEFAULT_APP_TIMEOUT, DEFAULT_SCAN_TIMEOUT);
    }

    public ScanOptions withTimeouts(Duration app, Duration scan) {
        return new ScanOptions(profile, parallelism, clock, app, scan);
    }

    public static ScanOptions defaults() {
        return new ScanOptions(null, Runtime.getRuntime().availableProcessors(), Clock.systemUTC());
    }
}
