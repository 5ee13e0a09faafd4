package dev.guardrails.argocd.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The version lives in one place, the root pom. The image the release workflow publishes, the Helm
 * chart, the install manifests and the docs must all name that version (without -SNAPSHOT), so a
 * newcomer following the docs pulls an image that exists. scripts/set-version.sh changes them all.
 */
class ImageReferenceTest {

    private static final String IMAGE = "ghcr.io/gitops-guardrails/guardrails";
    /** A tag is a version (placeholders such as {@code :<version>} in prose are not references). */
    private static final Pattern IMAGE_REF = Pattern.compile(Pattern.quote(IMAGE) + "(?::([0-9](?:[\\w.+-]*\\w)?))?");
    private static final Pattern COMPONENT_REF = Pattern.compile("gitops-guardrails/gitops-guardrails//\\S*\\?ref=v([^\\s\"'`)]+)");
    private static final Pattern CHART_REF = Pattern.compile("oci://ghcr\\.io/gitops-guardrails/charts/guardrails[^\\n]*?--version[ =]([^\\s\"'`)]+)");

    private static Path root;
    private static String version;

    @BeforeAll
    static void version() throws IOException {
        String property = System.getProperty("guardrails.projectRoot");
        root = (property != null ? Path.of(property) : Path.of("..")).toAbsolutePath().normalize();
        String pom = Files.readString(root.resolve("pom.xml"));
        Matcher own = Pattern.compile("</parent>.*?<version>([^<]+)</version>", Pattern.DOTALL).matcher(pom);
        assertThat(own.find()).as("root pom.xml has a <version>").isTrue();
        version = own.group(1).trim().replaceFirst("-SNAPSHOT$", "");
    }

    @Test
    void moduleParentsNameTheRootVersion() throws IOException {
        String full = Files.readString(root.resolve("pom.xml"))
                .replaceFirst("(?s).*?</parent>.*?<version>([^<]+)</version>.*", "$1").trim();
        for (String module : List.of("scanner", "argocd-integration", "plugin")) {
            String pom = Files.readString(root.resolve(module).resolve("pom.xml"));
            assertThat(pom).as(module + "/pom.xml parent version").contains("<version>" + full + "</version>");
        }
    }

    @Test
    void chartVersionAndImageTagAreTheProjectVersion() throws IOException {
        Path chart = root.resolve("argocd-integration/charts/guardrails");
        String chartYaml = Files.readString(chart.resolve("Chart.yaml"));
        assertThat(chartYaml).containsPattern("(?m)^version: " + Pattern.quote(version) + "$")
                .containsPattern("(?m)^appVersion: \"" + Pattern.quote(version) + "\"$");
        String values = Files.readString(chart.resolve("values.yaml"));
        assertThat(values).containsPattern("(?m)^  registry: ghcr\\.io$")
                .containsPattern("(?m)^  repository: gitops-guardrails/guardrails$")
                .containsPattern("(?m)^  tag: \"" + Pattern.quote(version) + "\"$");
    }

    @Test
    void everyImageReferenceNamesTheProjectVersion() {
        List<String> tagged = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (Path file : referencingFiles()) {
            Matcher m = IMAGE_REF.matcher(read(file));
            while (m.find()) {
                if (m.group(1) == null) {
                    continue; // the repository alone (registry allow-lists, workflow env)
                }
                tagged.add(root.relativize(file) + ": " + m.group());
                if (!m.group(1).equals(version)) {
                    wrong.add(root.relativize(file) + ": " + m.group());
                }
            }
        }
        assertThat(tagged).as("the manifests reference the image")
                .anyMatch(s -> s.startsWith("argocd-integration/manifests/repo-server-sidecar.yaml"))
                .anyMatch(s -> s.startsWith("argocd-integration/manifests/fast-path/"))
                .anyMatch(s -> s.startsWith("argocd-integration/manifests/presync/"))
                .anyMatch(s -> s.startsWith("docs/argocd.md"));
        assertThat(wrong).as("image references not naming " + IMAGE + ":" + version).isEmpty();
    }

    @Test
    void componentAndChartReferencesNameTheReleaseTag() {
        List<String> wrong = new ArrayList<>();
        int seen = 0;
        for (Path file : referencingFiles()) {
            String text = read(file);
            for (Pattern p : List.of(COMPONENT_REF, CHART_REF)) {
                Matcher m = p.matcher(text);
                while (m.find()) {
                    seen++;
                    if (!m.group(1).equals(version)) {
                        wrong.add(root.relativize(file) + ": " + m.group());
                    }
                }
            }
        }
        assertThat(seen).as("docs reference the release's Kustomize components").isPositive();
        assertThat(wrong).as("references not naming release " + version).isEmpty();
    }

    @Test
    void releaseWorkflowPublishesTheReferencedImage() {
        String workflow = read(root.resolve(".github/workflows/release.yaml"));
        assertThat(workflow).contains("IMAGE: " + IMAGE + "\n")
                .contains("file: image/Containerfile")
                .contains("scripts/project-version.sh");
    }

    /** Install manifests, the chart, the docs and the README: what users copy image references from. */
    private static List<Path> referencingFiles() {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("argocd-integration/manifests", "argocd-integration/charts", "docs")) {
            try (Stream<Path> walk = Files.walk(root.resolve(dir))) {
                walk.filter(Files::isRegularFile)
                        .filter(f -> f.toString().matches(".*\\.(ya?ml|md|tpl|txt)$"))
                        .forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        files.add(root.resolve("README.md"));
        return files;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
