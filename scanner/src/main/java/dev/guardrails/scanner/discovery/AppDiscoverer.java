package dev.guardrails.scanner.discovery;

import dev.guardrails.scanner.config.DiscoverySettings.ChartVariant;
import dev.guardrails.scanner.render.Glob;
import dev.guardrails.scanner.render.HelmOptions;
import dev.guardrails.scanner.render.KustomizationFile;
import dev.guardrails.scanner.render.SourceType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the apps in a repo that has no Argo CD Applications to say where they are, using Argo CD's
 * per-directory type detection ({@code util/app/discovery/discovery.go}):
 *
 * <ul>
 *   <li>A directory with a kustomization ({@code kustomization.yaml}, {@code .yml},
 *       {@code Kustomization}) is a Kustomize app. When it also has a Chart.yaml, Kustomize wins, as in
 *       Argo CD, where the later file in the lexical walk decides. A kustomization that another
 *       kustomization in the repo pulls in (resources, bases, components) is a base, not an app, so
 *       its objects are not reported twice. A Kustomize Component ({@code kind: Component}) is
 *       never an app: kustomize cannot build one on its own; it is checked through the overlays that
 *       use it. Plain directories below a kustomization are its files.</li>
 *   <li>Otherwise a directory with a {@code Chart.yaml} is a Helm chart; nothing below it is looked at
 *       (its {@code charts/} holds subcharts, not apps). A library chart ({@code type: library}) is
 *       not an app, as Helm refuses to install one. An application chart is rendered once per value
 *       variant ({@code charts.variants}): {@code default} (values.yaml alone, named {@code <path>}),
 *       {@code env} (each {@code values-<env>.yaml} layered on values.yaml, named
 *       {@code <path>@<env>}) and {@code ci} (each {@code ci/*.yaml}, named {@code <path>@ci/<file>}).</li>
 *   <li>Otherwise a directory holding manifest files is a Directory app (not recursive: each such
 *       directory is its own app). Files count when they look like Kubernetes objects (an
 *       {@code apiVersion} and a {@code kind} key), are not skip-marked and are not loaded by a
 *       kustomization elsewhere, so values files and shared patches do not turn into apps.</li>
 * </ul>
 *
 * <p>Dot-directories ({@code .git}, {@code .github}) and excluded paths are skipped; symlinked
 * directories are never followed. Results are sorted by path, then name.
 */
public final class AppDiscoverer {

    private static final Pattern ENV_VALUES = Pattern.compile("values-(.+)\\.ya?ml");
    private static final Pattern CI_VALUES = Pattern.compile("(.+)\\.ya?ml");
    private static final Pattern LIBRARY_CHART = Pattern.compile("(?m)^type\\s*:\\s*[\"']?library[\"']?\\s*(?:#.*)?$");
    private static final Pattern COMPONENT = Pattern.compile("(?m)^kind\\s*:\\s*[\"']?Component[\"']?\\s*(?:#.*)?$");
    private static final Pattern API_VERSION = Pattern.compile("(?m)^\\s*(?:-\\s+)?\"?apiVersion\"?\\s*:");
    private static final Pattern KIND = Pattern.compile("(?m)^\\s*(?:-\\s+)?\"?kind\"?\\s*:");
    private static final Pattern JSON_API_VERSION = Pattern.compile("\"apiVersion\"\\s*:");
    private static final Pattern JSON_KIND = Pattern.compile("\"kind\"\\s*:");
    private static final int SNIFF_BYTES = 256 * 1024;

    /**
     * Lists the apps in the repo.
     *
     * @param repoRoot     the checkout
     * @param excludeGlobs repo-relative globs ({@code *} within a segment, {@code **} across);
     *                     a matching directory is skipped with everything below it
     * @throws UncheckedIOException when the root is not a directory
     */
    public List<AppSource> discover(Path repoRoot, List<String> excludeGlobs) {
        return discover(repoRoot, excludeGlobs, Set.of(ChartVariant.DEFAULT, ChartVariant.ENV), note -> { });
    }

    /**
     * Lists the apps in the repo.
     *
     * @param variants which value variants of each chart to render
     * @param skipped  receives one line per chart or component that is deliberately not an app
     */
    public List<AppSource> discover(Path repoRoot, List<String> excludeGlobs, Set<ChartVariant> variants,
                                    Consumer<String> skipped) {
        Path root = repoRoot.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new UncheckedIOException(new IOException("repository root " + repoRoot + " is not a directory"));
        }
        List<Glob> excludes = new ArrayList<>();
        for (String glob : excludeGlobs == null ? List.<String>of() : excludeGlobs) {
            if (glob != null && !glob.isBlank()) {
                excludes.add(Glob.segmented(stripSlashes(glob.strip())));
            }
        }
        Scan scan = new Scan(root, excludes);
        scan.walk(root, ".", null);

        List<AppSource> apps = new ArrayList<>();
        for (String dir : scan.kustomizations) {
            if (scan.components.contains(dir)) {
                if (!scan.referencedDirs.contains(dir)) {
                    skipped.accept(dir + ": Kustomize Component that no kustomization in the repository uses;"
                            + " a component is checked through the overlays that use it");
                }
            } else if (!scan.referencedDirs.contains(dir)) {
                apps.add(new AppSource(dir, dir, SourceType.KUSTOMIZE, null));
            }
        }
        for (String dir : scan.charts) {
            if (isLibraryChart(root.resolve(dir))) {
                skipped.accept(dir + ": library chart (type: library): Helm does not install library charts;"
                        + " it is checked through the charts that depend on it");
            } else {
                apps.addAll(helmApps(root, dir, variants));
            }
        }
        scan.plainDirs.forEach((dir, files) -> {
            if (files.stream().anyMatch(f -> !scan.referencedFiles.contains(f) && looksLikeManifest(root.resolve(f)))) {
                apps.add(new AppSource(dir, dir, SourceType.DIRECTORY, null));
            }
        });
        apps.sort(Comparator.comparing(AppSource::path).thenComparing(AppSource::name));
        return List.copyOf(apps);
    }

    /**
     * One app per value variant. Helm always reads the chart's values.yaml first, so an env or ci
     * file given as a value file is layered on it. A chart with no variant file still renders
     * its defaults, whatever the variants, so no chart goes unchecked.
     */
    private static List<AppSource> helmApps(Path root, String dir, Set<ChartVariant> variants) {
        TreeMap<String, String> envs = new TreeMap<>();
        if (variants.contains(ChartVariant.ENV)) {
            for (Path file : list(root.resolve(dir))) {
                Matcher m = ENV_VALUES.matcher(file.getFileName().toString());
                if (m.matches() && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    envs.putIfAbsent(m.group(1), file.getFileName().toString());
                }
            }
        }
        TreeMap<String, String> ci = new TreeMap<>();
        Path ciDir = root.resolve(dir).resolve("ci");
        if (variants.contains(ChartVariant.CI) && Files.isDirectory(ciDir, LinkOption.NOFOLLOW_LINKS)) {
            for (Path file : list(ciDir)) {
                Matcher m = CI_VALUES.matcher(file.getFileName().toString());
                if (m.matches() && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    ci.putIfAbsent(m.group(1), "ci/" + file.getFileName().toString());
                }
            }
        }
        List<AppSource> apps = new ArrayList<>();
        if (variants.contains(ChartVariant.DEFAULT) || envs.isEmpty() && ci.isEmpty()) {
            apps.add(new AppSource(dir, dir, SourceType.HELM, HelmOptions.defaults()));
        }
        envs.forEach((env, file) -> apps.add(new AppSource(dir + "@" + env, dir, SourceType.HELM,
                HelmOptions.defaults().withValueFiles(List.of(file)))));
        ci.forEach((name, file) -> apps.add(new AppSource(dir + "@ci/" + name, dir, SourceType.HELM,
                HelmOptions.defaults().withValueFiles(List.of(file)))));
        return apps;
    }

    private static boolean isLibraryChart(Path chartDir) {
        return LIBRARY_CHART.matcher(head(chartDir.resolve("Chart.yaml"))).find();
    }

    private static String head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(SNIFF_BYTES), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Mutable state of one discovery run. */
    private static final class Scan {
        final Path root;
        final List<Glob> excludes;
        final List<String> kustomizations = new ArrayList<>();
        final List<String> charts = new ArrayList<>();
        final Set<String> components = new HashSet<>();
        final TreeMap<String, List<String>> plainDirs = new TreeMap<>();
        final Set<String> referencedDirs = new HashSet<>();
        final Set<String> referencedFiles = new HashSet<>();

        Scan(Path root, List<Glob> excludes) {
            this.root = root;
            this.excludes = excludes;
        }

        /**
         * @param kustomizeOwner the nearest ancestor kustomization dir, or {@code null}: below one,
         *                       plain directories are its files and charts in {@code charts/} its chart home
         */
        void walk(Path dir, String rel, String kustomizeOwner) {
            if (!rel.equals(".") && excluded(rel, true)) {
                return;
            }
            List<Path> entries = list(dir);
            List<Path> subdirs = new ArrayList<>();
            List<String> manifests = new ArrayList<>();
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                String entryRel = join(rel, name);
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    if (!name.startsWith(".")) {
                        subdirs.add(entry);
                    }
                } else if (isManifestName(name) && Files.isRegularFile(entry) && !excluded(entryRel, false)) {
                    manifests.add(entryRel);
                }
            }
            boolean kustomization = KustomizationFile.find(dir).isPresent();
            boolean chart = Files.isRegularFile(dir.resolve("Chart.yaml"));
            String owner = kustomizeOwner;
            if (kustomization) {
                kustomizations.add(rel);
                if (COMPONENT.matcher(head(KustomizationFile.find(dir).orElseThrow())).find()) {
                    components.add(rel);
                }
                collectReferences(dir);
                owner = rel;
            } else if (chart) {
                boolean chartHome = kustomizeOwner != null && dir.getParent() != null
                        && dir.getParent().getFileName().toString().equals("charts");
                if (!chartHome) {
                    charts.add(rel);
                }
                return;
            } else if (kustomizeOwner == null && !manifests.isEmpty()) {
                plainDirs.put(rel, manifests);
            }
            for (Path sub : subdirs) {
                walk(sub, join(rel, sub.getFileName().toString()), owner);
            }
        }

        private void collectReferences(Path dir) {
            List<KustomizationFile.Ref> refs;
            try {
                refs = KustomizationFile.read(KustomizationFile.find(dir).orElseThrow());
            } catch (IOException | RuntimeException e) {
                return; // An unreadable kustomization is still an app; rendering will report why.
            }
            for (KustomizationFile.Ref ref : refs) {
                if (ref.kind() != KustomizationFile.Kind.TREE && ref.kind() != KustomizationFile.Kind.FILE) {
                    continue;
                }
                String value = ref.value();
                if (KustomizationFile.hasRemoteScheme(value) || value.startsWith("/")) {
                    continue;
                }
                Path target = dir.resolve(value).normalize();
                if (!target.startsWith(root)) {
                    continue;
                }
                String rel = relative(target);
                if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    if (ref.kind() == KustomizationFile.Kind.TREE) {
                        referencedDirs.add(rel);
                    }
                } else {
                    referencedFiles.add(rel);
                }
            }
        }

        private boolean excluded(String rel, boolean directory) {
            for (Glob glob : excludes) {
                if (glob.matches(rel) || (directory && glob.matches(rel + "/"))) {
                    return true;
                }
            }
            return false;
        }

        private String relative(Path path) {
            String rel = root.relativize(path).toString().replace('\\', '/');
            return rel.isEmpty() ? "." : rel;
        }
    }

    private static boolean looksLikeManifest(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(SNIFF_BYTES), StandardCharsets.UTF_8);
            if (head.contains("+argocd:skip-file-rendering")) {
                return false;
            }
            boolean json = file.getFileName().toString().endsWith(".json");
            return (json ? JSON_API_VERSION : API_VERSION).matcher(head).find()
                    && (json ? JSON_KIND : KIND).matcher(head).find();
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isManifestName(String name) {
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private static List<Path> list(Path dir) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(entries::add);
        } catch (IOException e) {
            return entries; // Unreadable directory: nothing to discover there.
        }
        entries.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return entries;
    }

    private static String join(String base, String name) {
        return base.equals(".") ? name : base + "/" + name;
    }

    private static String stripSlashes(String glob) {
        String g = glob.startsWith("./") ? glob.substring(2) : glob;
        while (g.startsWith("/")) {
            g = g.substring(1);
        }
        while (g.endsWith("/") && g.length() > 1) {
            g = g.substring(0, g.length() - 1);
        }
        return g;
    }
}
