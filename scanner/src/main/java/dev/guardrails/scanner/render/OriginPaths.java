package dev.guardrails.scanner.render;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the {@code path:} of kustomize's {@code config.kubernetes.io/origin} annotations from
 * "relative to the build wrapper" to "relative to the repo root", so findings name repo files.
 */
final class OriginPaths {

    /** The annotation kustomize writes with {@code buildMetadata: [originAnnotations]}. */
    static final String ANNOTATION = "config.kubernetes.io/origin";

    private static final Pattern ORIGIN_PATH = Pattern.compile(
            "(" + Pattern.quote(ANNOTATION) + ": \\|\\n\\s+path: )([^\\n]+)");

    private OriginPaths() {
    }

    static String toRepoRelative(String output, Path wrapper, PathGuard guard) {
        Matcher m = ORIGIN_PATH.matcher(output);
        StringBuilder sb = new StringBuilder(output.length());
        while (m.find()) {
            String path = m.group(2).strip();
            String replacement = path;
            if (!path.contains("://")) {
                Path resolved = wrapper.resolve(path).normalize();
                if (resolved.startsWith(guard.root())) {
                    replacement = guard.root().relativize(resolved).toString().replace('\\', '/');
                }
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
