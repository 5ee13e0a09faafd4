package dev.guardrails.scanner.render;

import java.util.List;

/**
 * Everything one render produced.
 *
 * @param files         rendered text per repo file, in a deterministic order
 * @param elapsedMillis wall-clock time spent rendering
 * @param toolVersion   e.g. {@code helm v4.1.4}, so reports say which tool made the output
 * @param unrendered    repo files Argo CD would render but this tool does not (Jsonnet), so their
 *                      objects were not checked
 * @param rerendered    a second render of the same inputs, made when the source generates values
 *                      at render time (Helm's {@code randAlphaNum}, {@code genCA}...); whatever
 *                      differs from {@code files} is generated, not committed. Empty otherwise.
 */
public record RenderOutput(List<RenderedFile> files, long elapsedMillis, String toolVersion, List<String> unrendered,
                           List<RenderedFile> rerendered) {

    public RenderOutput {
        files = List.copyOf(files);
        unrendered = unrendered == null ? List.of() : List.copyOf(unrendered);
        rerendered = rerendered == null ? List.of() : List.copyOf(rerendered);
    }

    public RenderOutput(List<RenderedFile> files, long elapsedMillis, String toolVersion) {
        this(files, elapsedMillis, toolVersion, List.of(), List.of());
    }
}
