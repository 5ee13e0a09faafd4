package dev.guardrails.scanner.render;

import java.time.Duration;

/**
 * Bounds for one render.
 *
 * @param timeout        wall-clock limit per tool run (Argo CD's default budget is 60 s)
 * @param maxOutputBytes largest rendered output accepted
 */
public record RenderLimits(Duration timeout, long maxOutputBytes) {

    /** 60 seconds, 64 MiB. */
    public static RenderLimits defaults() {
        return new RenderLimits(Duration.ofSeconds(60), 64L * 1024 * 1024);
    }
}
