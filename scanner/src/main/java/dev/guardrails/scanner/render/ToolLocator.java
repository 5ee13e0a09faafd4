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
 * walking up from the working directory, then from system property {@code guardrails.projectRoot};
 * then {@code PATH}. An explicit setting that names no executable is an error rather than a silent
 * fall-through, so a typo does not quietly pick another version.
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
    private final Path workingDir;

    /** Looks everywhere, using this JVM's system properties, environment and working directory. */
    public ToolLocator() {
        this(null, null);
    }

    /** @param helm explicit helm binary, or {@code null}; @param kubectl explicit kubectl, or {@code null} */
    public ToolLocator(Path helm, Path kubectl) {
        this(helm, kubectl, System.getenv(), System.getProperties(), Path.of("").toAbsolutePath());
    }

    /** Fully explicit, for tests and embedding: nothing is read from the JVM's own state. */
    public ToolLocator(Path helm, Path kubectl, Map<String, String> env, Properties properties, Path workingDir) {
        this.explicitHelm = helm;
        this.explicitKubectl = kubectl;
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.properties = Objects.requireNonNull(properties, "properties");
        this.workingDir = Objects.requireNonNull(workingDir, "workingDir");
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
        addToolsBinUpwards(workingDir, dirs);
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
