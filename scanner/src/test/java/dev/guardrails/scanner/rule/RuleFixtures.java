package dev.guardrails.scanner.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.parse.ManifestParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs a rule against its fixtures in {@code src/test/resources/rules/<id>/}: every
 * {@code pass-*.yaml} must produce no violation; every {@code fail-*.yaml} must produce violations
 * on exactly the lines marked {@code # expect: <id>}. All objects of one file form the bundle, so
 * cross-object rules are tested with real neighbours.
 */
public final class RuleFixtures {

    /** Settings every fixture is checked with. */
    public static final RuleSettings SETTINGS = new RuleSettings(
            List.of("registry.example.com/", "ghcr.io/acme/"),
            List.of("app.kubernetes.io/name", "owner"),
            KubeVersion.parse("1.34"),
            50);

    private static final Pattern EXPECT = Pattern.compile("#\\s*expect:\\s*([a-z0-9-]+(?:\\s*,\\s*[a-z0-9-]+)*)");

    private RuleFixtures() {
    }

    /** Fixture files of a rule, sorted; fails if the folder is missing. */
    public static List<Path> fixtures(String ruleId) {
        try {
            URL url = RuleFixtures.class.getResource("/rules/" + ruleId);
            assertThat(url).as("fixture folder rules/%s", ruleId).isNotNull();
            try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                return files.filter(p -> p.getFileName().toString().matches("(pass|fail)-.*\\.ya?ml")).sorted().toList();
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks all fixtures of a rule. */
    public static void verify(Rule rule) {
        List<Path> files = fixtures(rule.id());
        assertThat(files).as("fixtures of %s", rule.id())
                .anyMatch(p -> p.getFileName().toString().startsWith("pass-"))
                .anyMatch(p -> p.getFileName().toString().startsWith("fail-"));
        for (Path file : files) {
            verify(rule, file);
        }
    }

    /** Checks one fixture file. */
    public static void verify(Rule rule, Path file) {
        String name = file.getFileName().toString();
        TreeSet<Integer> expected = expectedLines(file, rule.id());
        TreeSet<Integer> actual = new TreeSet<>();
        List<String> messages = new ArrayList<>();
        for (Hit hit : run(rule, file)) {
            actual.add(hit.line());
            messages.add(hit.line() + ": " + hit.violation().message());
        }
        if (name.startsWith("pass-")) {
            assertThat(messages).as("%s must pass %s", name, rule.id()).isEmpty();
            assertThat(expected).as("%s is a pass fixture but has expect markers", name).isEmpty();
        } else {
            assertThat(expected).as("%s has no '# expect: %s' marker", name, rule.id()).isNotEmpty();
            assertThat(actual).as("lines flagged by %s in %s (%s)", rule.id(), name, messages).isEqualTo(expected);
        }
    }

    /** A violation with the line it was located at. */
    public record Hit(ManifestObject object, Violation violation, int line) {
    }

    /** Runs a rule over every object of a fixture file. */
    public static List<Hit> run(Rule rule, Path file) {
        List<ManifestObject> objects;
        try {
            objects = new ManifestParser().parse(file, file.getFileName().toString());
        } catch (Exception e) {
            throw new AssertionError("fixture " + file + " does not parse: " + e.getMessage(), e);
        }
        RuleContext context = new RuleContext(new Bundle(objects, "default"), SETTINGS);
        List<Hit> hits = new ArrayList<>();
        for (ManifestObject object : objects) {
            for (Violation v : rule.check(object, context)) {
                hits.add(new Hit(object, v, object.locate(v.path()).line()));
            }
        }
        return hits;
    }

    private static TreeSet<Integer> expectedLines(Path file, String id) {
        TreeSet<Integer> lines = new TreeSet<>();
        try {
            List<String> all = Files.readAllLines(file);
            for (int i = 0; i < all.size(); i++) {
                Matcher m = EXPECT.matcher(all.get(i));
                if (m.find()) {
                    for (String marked : m.group(1).split("\\s*,\\s*")) {
                        if (marked.equals(id)) {
                            lines.add(i + 1);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return lines;
    }
}
