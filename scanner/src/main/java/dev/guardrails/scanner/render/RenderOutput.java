package dev.guardrails.scanner.render;

import java.util.List;

/**
 * Everything one render produced.
 *
 * @param files         rendered text per repo file, in a deterministic order
 * @param elapsedMillis wall-clock time spent rendering
 * @param toolVersion   e.g. {@code helm v4.1.4}, so reports say which tool made the output
 */
public record RenderOutput(List<RenderedFile> files, long elapsedMillis, String toolVersion) {

    public RenderOutput {
        files = List.copyOf(files);
    }
}
