package dev.guardrails.scanner.render.cache;

import dev.guardrails.scanner.process.ProcessFailure;
import dev.guardrails.scanner.render.RenderException;
import dev.guardrails.scanner.render.RenderOutput;
import dev.guardrails.scanner.render.RenderRequest;
import dev.guardrails.scanner.render.Renderer;
import dev.guardrails.scanner.render.SourceType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@link Renderer} that answers from a {@link RenderCache} when the render's inputs, options and
 * tool version are unchanged, and renders (then stores the output) otherwise. A failure is
 * stored too, under the same key (same inputs, same tool, same failure), unless it may be
 * transient: a timeout, an output or memory limit, or an error starting the tool, which are
 * retried next time.
 */
public final class CachingRenderer implements Renderer {

    private final Renderer delegate;
    private final RenderCache cache;
    private final Function<RenderRequest, String> toolVersion;

    /**
     * @param delegate    the real renderer
     * @param cache       where outputs are kept
     * @param toolVersion the version of the tool that would render a request; part of the key
     */
    public CachingRenderer(Renderer delegate, RenderCache cache, Function<RenderRequest, String> toolVersion) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.toolVersion = Objects.requireNonNull(toolVersion, "toolVersion");
    }

    /** Wraps each renderer, asking {@code versions} for tool versions. */
    public static List<Renderer> wrapAll(List<Renderer> renderers, RenderCache cache, ToolVersions versions) {
        List<Renderer> out = new ArrayList<>();
        for (Renderer r : renderers) {
            out.add(new CachingRenderer(r, cache, versions::forRequest));
        }
        return out;
    }

    @Override
    public SourceType type() {
        return delegate.type();
    }

    @Override
    public RenderOutput render(RenderRequest request) throws RenderException {
        long start = System.nanoTime();
        Optional<String> key;
        try {
            key = RenderKey.of(request, toolVersion.apply(request));
        } catch (IOException | RuntimeException e) {
            key = Optional.empty(); // unreadable input: let the renderer report it
        }
        if (key.isPresent()) {
            Optional<RenderCache.Cached> hit = cache.lookup(key.get());
            if (hit.isPresent() && hit.get().failure() != null) {
                throw new RenderException(hit.get().failure());
            }
            if (hit.isPresent()) {
                RenderOutput out = hit.get().output();
                long elapsed = (System.nanoTime() - start) / 1_000_000;
                return new RenderOutput(out.files(), elapsed, out.toolVersion(), out.unrendered(), out.rerendered());
            }
        }
        RenderOutput output;
        try {
            output = delegate.render(request);
        } catch (RenderException e) {
            if (key.isPresent() && deterministic(e)) {
                cache.putFailure(key.get(), e.getMessage());
            }
            throw e;
        }
        key.ifPresent(k -> cache.put(k, output));
        return output;
    }

    /**
     * A tool that ran and refused the input fails the same way next time; a tool that was cut off
     * (timeout, output cap) or could not start may not.
     */
    private static boolean deterministic(RenderException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof ProcessFailure failure) {
                // 128+n: killed by signal n (the OOM killer, say), not a verdict on the input
                return failure.kind() == ProcessFailure.Kind.EXIT && failure.exitCode() < 128;
            }
        }
        return e.getCause() == null;
    }
}
