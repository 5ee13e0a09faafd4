package dev.guardrails.scanner.render.cache;

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
 * tool version are unchanged, and renders (then stores the output) otherwise. Only successful
 * renders are stored: a failure is retried next time, as it may be transient (a timeout).
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
            Optional<RenderOutput> hit = cache.get(key.get());
            if (hit.isPresent()) {
                long elapsed = (System.nanoTime() - start) / 1_000_000;
                return new RenderOutput(hit.get().files(), elapsed, hit.get().toolVersion(), hit.get().unrendered());
            }
        }
        RenderOutput output = delegate.render(request);
        key.ifPresent(k -> cache.put(k, output));
        return output;
    }
}
