package dev.guardrails.scanner.fix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.guardrails.scanner.fix.YamlSourceEditor.DocumentSelector;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.ObjectRef;
import dev.guardrails.scanner.model.SourceSpan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fixes as whole-line replacements around the commented line, from the text before the fix run. */
class SuggestionsTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              template:
                spec:
                  containers:
                    - name: web # main
                      image: nginx:1.27
                      securityContext:
                        runAsUser: 1000   # uid from the image
                      ports:
                        - containerPort: 8080
            """;

    @TempDir
    Path root;

    private static Finding finding(String rule, String kind, String path) {
        return new Finding(rule, rule, null, null, Mode.ENFORCE, "apps/web", new ObjectRef("apps/v1", kind, "", "web"),
                new SourceSpan("apps/web/deployment.yaml", 9, 0), path, "m", "r", null);
    }

    private static FixOutcome fixed(Finding f, String file, Edit... edits) {
        return new FixOutcome(f, FixOutcome.Status.FIXED, "in " + file,
                List.of(new DocumentEdits(file, DocumentSelector.byIndex(0), List.of(edits))));
    }

    private Suggestions suggestions(FixOutcome... outcomes) throws IOException {
        Files.createDirectories(root.resolve("apps/web"));
        Files.writeString(root.resolve("apps/web/deployment.yaml"), DEPLOYMENT);
        return new Suggestions(new FixReport(List.of(outcomes), java.util.Map.of()), new SourceFiles(root));
    }

    @Test
    void theFindingsOfOneLineGetOneSuggestionStartingAtThatLine() throws IOException {
        Finding roRoot = finding("read-only-root-filesystem", "Deployment", "c.readOnlyRootFilesystem");
        Finding nonRoot = finding("run-as-non-root", "Deployment", "c.runAsNonRoot");
        String c = "spec.template.spec.containers[0].securityContext.";
        Suggestions s = suggestions(
                fixed(roRoot, "apps/web/deployment.yaml", Edit.set(c + "readOnlyRootFilesystem", F.booleanNode(true))),
                fixed(nonRoot, "apps/web/deployment.yaml", Edit.set(c + "runAsNonRoot", F.booleanNode(true))));

        Optional<LineSuggestion> one = s.at(List.of(roRoot.fingerprint(), nonRoot.fingerprint()),
                "apps/web/deployment.yaml", 9);

        // Lines 9..12: from the commented container line down to the inserted keys; comments kept.
        assertThat(one).contains(new LineSuggestion("apps/web/deployment.yaml", 9, 12, String.join("\n",
                "        - name: web # main",
                "          image: nginx:1.27",
                "          securityContext:",
                "            runAsUser: 1000   # uid from the image",
                "            readOnlyRootFilesystem: true",
                "            runAsNonRoot: true"), List.of(roRoot.fingerprint(), nonRoot.fingerprint())));
    }

    @Test
    void aChangeBelowTheLineIsReachedFromAboveAndAboveFromBelow() {
        String old = "a\nb\nc\nd\n";
        assertThat(Suggestions.between("f", old, "a\nb\nc\nX\nd\n", 2, 40))
                .contains(new LineSuggestion("f", 2, 3, "b\nc\nX", List.of()));
        assertThat(Suggestions.between("f", old, "X\na\nb\nc\nd\n", 3, 40))
                .contains(new LineSuggestion("f", 1, 3, "X\na\nb\nc", List.of()));
        assertThat(Suggestions.between("f", old, "a\nB\nc\nd\n", 2, 40))
                .contains(new LineSuggestion("f", 2, 2, "B", List.of()));
        // Past the cap, past the end of the file, nothing changed, or CRLF: no suggestion.
        assertThat(Suggestions.between("f", old, "a\nb\nc\nd\nX\n", 1, 3)).isEmpty();
        assertThat(Suggestions.between("f", old, "a\nb\nc\nX\nd\n", 9, 40)).isEmpty();
        assertThat(Suggestions.between("f", old, "a\nb\nc\nd", 1, 40)).isEmpty();
        assertThat(Suggestions.between("f", "a\r\nb\r\n", "a\r\nX\r\nb\r\n", 1, 40)).isEmpty();
    }

    @Test
    void aFixWrittenElsewhereOrOnASecretOrNotFixedGetsNone() throws IOException {
        Finding values = finding("cpu-request-missing", "Deployment", "c.resources");
        Finding secret = finding("required-labels", "Secret", "metadata.labels");
        Finding refused = finding("run-as-non-root", "Deployment", "c.runAsNonRoot");
        Suggestions s = suggestions(
                fixed(values, "charts/web/values.yaml", Edit.set("resources.requests.cpu", F.textNode("100m"))),
                fixed(secret, "apps/web/deployment.yaml", Edit.set("metadata.labels.team", F.textNode("shop"))),
                new FixOutcome(refused, FixOutcome.Status.REFUSED, "rolled back"));

        assertThat(s.at(List.of(values.fingerprint()), "apps/web/deployment.yaml", 9)).isEmpty();
        assertThat(s.at(List.of(secret.fingerprint()), "apps/web/deployment.yaml", 9)).isEmpty();
        assertThat(s.at(List.of(refused.fingerprint()), "apps/web/deployment.yaml", 9)).isEmpty();
        assertThat(s.fixed(values.fingerprint())).isPresent();
        assertThat(s.fixed(refused.fingerprint())).isEmpty();
    }
}
