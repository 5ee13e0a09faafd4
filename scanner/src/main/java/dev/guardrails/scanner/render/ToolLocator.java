package dev.guardrails.scanner.render;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * Finds the helm and kubectl binaries. The project pins both (scripts/install-tools.sh puts them in
 * {@code tools/bin}) because rendering must not depend on whatever version a machine happens to
 * have; PATH is only the last resort.
 *
 * <p>Order, first hit wins: explicit path (constructor argument, else system property
 * {@code guardrails.helm} / {@code guardrails.kubectl}); environment {@code GUARDRAILS_HELM} /
 * {@code GUARDRAILS_KUBECTL}; {@code $GUARDRAILS_TOOLS_DIR/bin}; a {@code tools/bin} folder found by
 * walking up from where guardrails itself is installed (its jar or classes), then from system
 * property {@code guardrails.projectRoot}; then {@code PATH}. An explicit setting that names no
 * executable is an error rather than a silent fall-through, so a typo does not quietly pick another
 * version.
 *
 * <p>Never the working directory: as a CMP, guardrails runs inside the repository it renders, and a
 * {@code tools/bin/helm} committed there would otherwise be executed.
 */
public final class ToolLocator {

    /** The tools this project runs. */
    public enum Tool {
        HELM("helm", "guardrails.helm", "GUARDRAILS_HELM"),
        KUBECTL("kubectl", "guardrails.kubectl", "GUARDRAILS_KUBECTL");

        private final String binary;
        private final String property;
        private final String envVar;

        Tool(String binary, String property, String envVar) {
            this.binary = binary;
            this.property = property;
            this.envVar = envVar;
        }

        public String binary() {
            return binary;
        }
    }

    private final Path explicitHelm;
    private final Path explicitKubectl;
    private final Map<String, String> env;
    private final Properties properties;
    private final Path installDir;

    /** Looks everywhere, using this JVM's system properties, environment and install location. */
    public ToolLocator() {
        this(null, null);
    }

    /** @param helm explicit helm binary, or {@code null}; @param kubectl explicit kubectl, or {@code null} */
    public ToolLocator(Path helm, Path kubectl) {
        this(helm, kubectl, System.getenv(), System.getProperties(), installDir());
    }

    /**
     * Fully explicit, for tests and embedding: nothing is read from the JVM's own state.
     *
     * @param installDir where guardrails is installed; a {@code tools/bin} above it is searched
     */
    public ToolLocator(Path helm, Path kubectl, Map<String, String> env, Properties properties, Path installDir) {
        this.explicitHelm = helm;
        this.explicitKubectl = kubectl;
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.properties = Objects.requireNonNull(properties, "properties");
        this.installDir = Objects.requireNonNull(installDir, "installDir");
    }

    /** The directory holding this class's jar (or its classes directory in a source build). */
    static Path installDir() {
        try {
            var source = ToolLocator.class.getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null) {
                Path location = Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
                return Files.isRegularFile(location) && location.getParent() != null ? location.getParent() : location;
            }
        } catch (java.net.URISyntaxException | IllegalArgumentException | SecurityException
                 | java.nio.file.FileSystemNotFoundException e) {
            // No usable code source (a custom class loader): rely on the other places.
        }
        return Path.of("/nonexistent");
    }

    /** The helm binary. */
    public Path helm() throws RenderException {
        return locate(Tool.HELM);
    }

    /** The kubectl binary (its built-in kustomize renders kustomizations). */
    public Path kubectl() throws RenderException {
        return locate(Tool.KUBECTL);
    }

    /**
     * Finds one tool.
     *
     * @throws RenderException naming where it looked and how to install the tools
     */
    public Path locate(Tool tool) throws RenderException {
        Path explicit = tool == Tool.HELM ? explicitHelm : explicitKubectl;
        if (explicit != null) {
            return requireExecutable(explicit, tool, "the configured path");
        }
        String property = properties.getProperty(tool.property);
        if (property != null && !property.isBlank()) {
            return requireExecutable(Path.of(property), tool, "system property " + tool.property);
        }
        String fromEnv = env.get(tool.envVar);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return requireExecutable(Path.of(fromEnv), tool, "environment variable " + tool.envVar);
        }

        List<Path> searched = new ArrayList<>();
        for (Path dir : candidateDirs()) {
            Path candidate = dir.resolve(tool.binary);
            searched.add(dir);
            if (isExecutable(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new RenderException(tool.binary + " not found (looked in " + searched + "). Run scripts/install-tools.sh"
                + " to install the pinned helm and kubectl into tools/bin, or set " + tool.envVar
                + " / -D" + tool.property + " to the binary.");
    }

    private List<Path> candidateDirs() {
        Set<Path> dirs = new LinkedHashSet<>();
        String toolsDir = env.get("GUARDRAILS_TOOLS_DIR");
        if (toolsDir != null && !toolsDir.isBlank()) {
            dirs.add(Path.of(toolsDir).resolve("bin").toAbsolutePath().normalize());
        }
        addToolsBinUpwards(installDir, dirs);
        String projectRoot = properties.getProperty("guardrails.projectRoot");
        if (projectRoot != null && !projectRoot.isBlank()) {
            addToolsBinUpwards(Path.of(projectRoot), dirs);
        }
        String path = env.get("PATH");
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    dirs.add(Path.of(entry).toAbsolutePath().normalize());
                }
            }
        }
        return List.copyOf(dirs);
    }

    private static void addToolsBinUpwards(Path start, Set<Path> dirs) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path bin = dir.resolve("tools").resolve("bin");
            if (Files.isDirectory(bin)) {
                dirs.add(bin);
                return;
            }
        }
    }

    private static Path requireExecutable(Path path, Tool tool, String source) throws RenderException {
        if (!isExecutable(path)) {
            throw new RenderException(tool.binary + " from " + source + " (" + path + ") is not an executable file."
                    + " Run scripts/install-tools.sh to install the pinned tools into tools/bin.");
        }
        return path.toAbsolutePath().normalize();
    }

    private static boolean isExecutable(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }
}
