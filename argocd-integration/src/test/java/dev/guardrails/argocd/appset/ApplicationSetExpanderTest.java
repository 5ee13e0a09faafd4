package dev.guardrails.argocd.appset;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Data-driven: each folder under {@code src/test/resources/appset/} holds
 * {@code applicationset.yaml}, an optional {@code repo/} tree (the checkout git generators read)
 * and {@code expected.yaml}:
 *
 * <pre>
 * applications:            # in generation order
 *   - name: ...            # metadata.name
 *     path: ...            # spec.source.path (optional)
 *     server: ...          # spec.destination.server (optional)
 *     namespace: ...       # spec.destination.namespace (optional)
 *     fields: {/json/pointer: text}   # optional extra checks
 * problems:                # substrings, one per reported problem, in order
 * </pre>
 */
class ApplicationSetExpanderTest {

    private static final Path CASES = Path.of("src/test/resources/appset");
    private static final String THIS_REPO = "https://github.com/example/gitops.git";
    private static final YAMLMapper YAML = new YAMLMapper();

    @TempDir
    Path emptyRepo;

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(CASES)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void expandsAsExpected(String name) throws IOException {
        Path dir = CASES.resolve(name);
        Path repo = Files.isDirectory(dir.resolve("repo")) ? dir.resolve("repo") : emptyRepo;
        ObjectNode appSet = (ObjectNode) YAML.readTree(dir.resolve("applicationset.yaml").toFile());
        JsonNode expected = YAML.readTree(dir.resolve("expected.yaml").toFile());

        Expansion expansion = expand(repo, appSet);

        SoftAssertions soft = new SoftAssertions();
        List<String> expectedNames = new ArrayList<>();
        expected.path("applications").forEach(a -> expectedNames.add(a.path("name").asText()));
        List<String> actualNames = expansion.applications().stream()
                .map(a -> a.path("metadata").path("name").asText()).toList();
        soft.assertThat(actualNames).as("application names").containsExactlyElementsOf(expectedNames);
        for (JsonNode exp : expected.path("applications")) {
            String appName = exp.path("name").asText();
            ObjectNode app = expansion.applications().stream()
                    .filter(a -> a.path("metadata").path("name").asText().equals(appName))
                    .findFirst().orElse(null);
            if (app == null) {
                continue;
            }
            soft.assertThat(app.path("apiVersion").asText()).isEqualTo("argoproj.io/v1alpha1");
            soft.assertThat(app.path("kind").asText()).isEqualTo("Application");
            check(soft, app, appName, exp, "path", "/spec/source/path");
            check(soft, app, appName, exp, "server", "/spec/destination/server");
            check(soft, app, appName, exp, "namespace", "/spec/destination/namespace");
            exp.path("fields").fields().forEachRemaining(f -> soft.assertThat(text(app.at(f.getKey())))
                    .as(appName + " " + f.getKey()).isEqualTo(f.getValue().asText()));
        }
        List<String> expectedProblems = new ArrayList<>();
        expected.path("problems").forEach(p -> expectedProblems.add(p.asText()));
        soft.assertThat(expansion.problems()).as("problems").hasSameSizeAs(expectedProblems);
        for (int i = 0; i < Math.min(expectedProblems.size(), expansion.problems().size()); i++) {
            soft.assertThat(expansion.problems().get(i)).as("problem " + i).contains(expectedProblems.get(i));
        }
        soft.assertAll();
    }

    @Test
    void emptyRepositoryYieldsNoDirectoryApplications() throws IOException {
        ObjectNode appSet = (ObjectNode) YAML.readTree(CASES.resolve("git-directories/applicationset.yaml").toFile());

        Expansion expansion = expand(emptyRepo, appSet);

        assertThat(expansion.applications()).isEmpty();
        assertThat(expansion.problems()).isEmpty();
    }

    @Test
    void doesNotModifyTheApplicationSet() throws IOException {
        ObjectNode appSet = (ObjectNode) YAML.readTree(CASES.resolve("list-basic/applicationset.yaml").toFile());
        ObjectNode before = appSet.deepCopy();

        expand(emptyRepo, appSet);

        assertThat(appSet).isEqualTo(before);
    }

    private static Expansion expand(Path repo, ObjectNode appSet) {
        return new ApplicationSetExpander(repo, url -> url.equals(THIS_REPO)
                || url.equals(THIS_REPO.substring(0, THIS_REPO.length() - 4))).expand(appSet);
    }

    private static void check(SoftAssertions soft, ObjectNode app, String name, JsonNode exp, String key,
            String pointer) {
        if (exp.has(key)) {
            soft.assertThat(text(app.at(pointer))).as(name + " " + key).isEqualTo(exp.get(key).asText());
        }
    }

    private static String text(JsonNode node) {
        if (node.isMissingNode()) {
            return "<missing>";
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }
}
