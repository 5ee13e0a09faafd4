package dev.guardrails.plugin.review;

import dev.guardrails.scanner.config.ConfigLoader;
import dev.guardrails.scanner.engine.AppTarget;
import dev.guardrails.scanner.render.KustomizationFile;
import dev.guardrails.scanner.render.SourceType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which apps a change can affect, without rendering anything. A documented approximation of each
 * app's inputs, erring towards "affected":
 *
 * <ul>
 *   <li>every file under the app's directory (a plain directory, a chart, a kustomization);</li>
 *   <li>for Kustomize, every path its kustomization refers to (resources, bases, components,
 *       patches, generator inputs, ...), followed transitively through referenced kustomizations,
 *       so an overlay is affected when its base changes;</li>
 *   <li>for Helm, its value files (which may live outside the chart directory);</li>
 *   <li>a change to {@code .guardrails.yaml} affects every app (the policy applies to all).</li>
 * </ul>
 *
 * Not followed: helm chart dependencies outside the chart ({@code file://../lib}), files read by
 * templates through symlinks, and remote bases (which are not rendered anyway).
 */
final class AffectedApps {

    private AffectedApps() {
    }

    /** True when the policy file changed, which makes every app affected. */
    static boolean policyChanged(Collection<String> changed) {
        return changed.contains(ConfigLoader.FILE_NAME);
    }

    /** Names of the apps among {@code apps} (discovered in {@code root}) that a changed path reaches. */
    static Set<String> affected(Path root, Collection<AppTarget> apps, Collection<String> changed) {
        Set<String> out = new LinkedHashSet<>();
        for (AppTarget app : apps) {
            Set<String> inputs = inputs(root, app);
            if (changed.stream().anyMatch(p -> inputs.stream().anyMatch(i -> covers(i, p)))) {
                out.add(app.name());
            }
        }
        return out;
    }

    /** Repo-relative files and directories an app's render reads; "." is the whole repo. */
    static Set<String> inputs(Path root, AppTarget app) {
        Set<String> inputs = new LinkedHashSet<>();
        String appPath = normal(app.path());
        inputs.add(appPath);
        SourceType type = app.request().type();
        if (type == SourceType.KUSTOMIZE) {
            kustomizeInputs(root.toAbsolutePath().normalize(), appPath, inputs);
        } else if (type == SourceType.HELM) {
            for (String file : app.request().helm().valueFiles()) {
                String rel = file.startsWith("/") ? file.substring(1) : join(appPath, file);
                String norm = normalise(rel);
                if (norm != null) {
                    inputs.add(norm);
                }
            }
        }
        return inputs;
    }

    private static void kustomizeInputs(Path root, String start, Set<String> inputs) {
        Deque<String> todo = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        todo.add(start);
        while (!todo.isEmpty()) {
            String dir = todo.pop();
            if (!seen.add(dir)) {
                continue;
            }
            Path abs = root.resolve(dir).normalize();
            if (!abs.startsWith(root) || !Files.isDirectory(abs)) {
                continue;
            }
            var file = KustomizationFile.find(abs);
            if (file.isEmpty()) {
                continue;
            }
            try {
                for (KustomizationFile.Ref ref : KustomizationFile.read(file.get())) {
                    if (ref.kind() == KustomizationFile.Kind.HELM_REPO || KustomizationFile.looksRemote(ref.value())) {
                        continue;
                    }
                    String target = ref.kind() == KustomizationFile.Kind.HELM_CHART
                            ? normalise(join(dir, "charts/" + ref.value()))
                            : normalise(join(dir, ref.value()));
                    if (target == null) {
                        continue;
                    }
                    inputs.add(target);
                    if (ref.kind() == KustomizationFile.Kind.TREE && Files.isDirectory(root.resolve(target))) {
                        todo.add(target);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // An unreadable kustomization fails the render, which the scan reports; the
                // directory itself is already an input.
            }
        }
    }

    /** Whether a changed path lies at or under an input. */
    static boolean covers(String input, String changed) {
        return input.equals(".") || changed.equals(input) || changed.startsWith(input + "/");
    }

    private static String join(String dir, String rel) {
        return dir.equals(".") ? rel : dir + "/" + rel;
    }

    private static String normal(String path) {
        String n = normalise(path);
        return n == null ? "." : n;
    }

    /** Resolves "." and ".." segments; null when the path leaves the repo. */
    static String normalise(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String seg : path.replace('\\', '/').split("/")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
            } else {
                parts.addLast(seg);
            }
        }
        return parts.isEmpty() ? "." : String.join("/", parts);
    }
}
