package dev.guardrails.argocd.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.guardrails.scanner.config.GuardrailsConfig;
import dev.guardrails.scanner.engine.AppTarget;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.SourceSpan;
import dev.guardrails.scanner.parse.ManifestParser;
import dev.guardrails.scanner.render.DirectoryRenderer;
import dev.guardrails.scanner.render.HelmRenderer;
import dev.guardrails.scanner.render.KustomizeRenderer;
import dev.guardrails.scanner.render.RenderException;
import dev.guardrails.scanner.render.RenderedFile;
import dev.guardrails.scanner.render.Renderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A copy of the fixture repo per test, Applications from YAML text, and real renders. */
final class AppFixtures {

    static final String REPO = "https://git.example.com/org/repo.git";
    static final RepoIdentity THIS_REPO = new RepoIdentity(List.of(REPO));

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ManifestParser PARSER = new ManifestParser();

    private AppFixtures() {
    }

    /** Copies {@code src/test/resources/app/repo} into {@code dir/repo}. */
    static Path repo(Path dir) {
        try {
            Path source = Path.of(AppFixtures.class.getResource("/app/repo").toURI());
            Path target = dir.resolve("repo");
            try (Stream<Path> walk = Files.walk(source)) {
                for (Path p : (Iterable<Path>) walk::iterator) {
                    Path dest = target.resolve(source.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(dest);
                    } else {
                        Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static void write(Path repo, String path, String text) {
        try {
            Path file = repo.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode tree(String yaml) {
        try {
            return (ObjectNode) YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An Application named {@code name} whose {@code spec} is the given YAML (indented by 2). */
    static Application app(String name, String spec) throws InvalidApplicationException {
        String yaml = "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: " + name
                + "\n  namespace: argocd\nspec:\n" + spec.stripIndent().lines().map(l -> "  " + l)
                .reduce("", (a, b) -> a + b + "\n");
        return ApplicationReader.read(tree(yaml), new SourceSpan("apps/" + name + ".yaml", 1, 0));
    }

    static ApplicationMapper mapper(Path repo, RepoCopies copies) {
        return new ApplicationMapper(repo, THIS_REPO, GuardrailsConfig.defaults(), "0123456789abcdef", copies);
    }

    /** Renders a target with the real tools and parses the output. */
    static List<ManifestObject> render(AppTarget target) throws RenderException {
        Renderer renderer = switch (target.request().type()) {
            case HELM -> new HelmRenderer();
            case KUSTOMIZE -> new KustomizeRenderer();
            case DIRECTORY -> new DirectoryRenderer();
        };
        List<ManifestObject> objects = new ArrayList<>();
        for (RenderedFile f : renderer.render(target.request()).files()) {
            try {
                objects.addAll(PARSER.parse(f.content(), f.path()));
            } catch (Exception e) {
                throw new IllegalStateException("unparsable output " + f.path() + ": " + e.getMessage(), e);
            }
        }
        return objects;
    }

    static ManifestObject find(List<ManifestObject> objects, String kind, String name) {
        return objects.stream().filter(o -> o.kind().equals(kind) && o.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + names(objects)));
    }

    static List<String> names(List<ManifestObject> objects) {
        return objects.stream().map(o -> o.kind() + "/" + o.name()).toList();
    }

    /** Every file under {@code root} with its content, to prove a render left the checkout alone. */
    static Map<String, String> snapshot(Path root) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(p)) {
                    files.put(root.relativize(p).toString(), Files.readString(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
