package dev.guardrails.scanner.render;

import java.time.Duration;

/**
 * Bounds for one render.
 *
 * @param timeout        wall-clock limit per tool run (Argo CD's default budget is 60 s)
 * @param maxOutputBytes largest rendered output accepted
 * @param maxMemoryBytes resident memory cap of the tool's process tree (helm, kustomize and the helm
 *                       kustomize runs); 0 for none
 */
public record RenderLimits(Duration timeout, long maxOutputBytes, long maxMemoryBytes) {

    /** Default memory cap: a large real chart renders in well under 300 MiB. */
    public static final long DEFAULT_MAX_MEMORY = 1024L * 1024 * 1024;

    public RenderLimits(Duration timeout, long maxOutputBytes) {
        this(timeout, maxOutputBytes, DEFAULT_MAX_MEMORY);
    }

    /** 60 seconds, 64 MiB of output, 1 GiB of memory. */
    public static RenderLimits defaults() {
        return new RenderLimits(Duration.ofSeconds(60), 64L * 1024 * 1024, DEFAULT_MAX_MEMORY);
    }
}
