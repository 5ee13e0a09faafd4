package dev.guardrails.scanner.fix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.guardrails.scanner.fix.YamlSourceEditor.DocumentSelector;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Before/after text: only the changed lines move; comments, quoting and order stay. */
class YamlSourceEditorTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final DocumentSelector FIRST = DocumentSelector.byIndex(0);

    private static String edit(String before, Edit... edits) throws FixException {
        return YamlSourceEditor.apply(before, FIRST, List.of(edits));
    }

    private static JsonNode json(String s) {
        try {
            return new ObjectMapper().readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void insertsAMissingKeyAfterItsSiblingsKeepingComments() throws FixException {
        String before = """
                # the web tier
                spec:
                  containers:
                    - name: web # main
                      image: nginx:1.27
                      securityContext:
                        runAsUser: 1000   # uid from the image
                    - name: sidecar
                      image: envoy:1.30
                """;
        String after = edit(before, Edit.set("spec.containers[0].securityContext.readOnlyRootFilesystem", F.booleanNode(true)));
        assertThat(after).isEqualTo("""
                # the web tier
                spec:
                  containers:
                    - name: web # main
                      image: nginx:1.27
                      securityContext:
                        runAsUser: 1000   # uid from the image
                        readOnlyRootFilesystem: true
                    - name: sidecar
                      image: envoy:1.30
                """);
    }

    @Test
    void aCrlfFileKeepsCrlfOnEveryLineIncludingInsertedOnes() throws FixException {
        String before = "spec:\r\n  containers:\r\n    - name: web # main\r\n      image: nginx:1.27\r\n";
        String after = edit(before, Edit.set("spec.containers[0].securityContext.runAsNonRoot", F.booleanNode(true)));
        assertThat(after).isEqualTo("spec:\r\n  containers:\r\n    - name: web # main\r\n      image: nginx:1.27\r\n"
                + "      securityContext:\r\n        runAsNonRoot: true\r\n");
        assertThat(after.replace("\r\n", "")).doesNotContain("\n");
    }

    @Test
    void createsMissingParentsAsABlock() throws FixException {
        String before = """
                spec:
                  containers:
                  - name: web
                    image: nginx:1.27
                  - name: sidecar
                    image: envoy:1.30
                """;
        String after = edit(before, Edit.append("spec.containers[1].securityContext.capabilities.drop", json("[\"ALL\"]")));
        assertThat(after).isEqualTo("""
                spec:
                  containers:
                  - name: web
                    image: nginx:1.27
                  - name: sidecar
                    image: envoy:1.30
                    securityContext:
                      capabilities:
                        drop:
                          - ALL
                """);
    }

    @Test
    void replacesAScalarInPlace() throws FixException {
        String before = "spec:\n  automountServiceAccountToken: true # legacy\n  containers: []\n";
        assertThat(edit(before, Edit.set("spec.automountServiceAccountToken", F.booleanNode(false))))
                .isEqualTo("spec:\n  automountServiceAccountToken: false # legacy\n  containers: []\n");
    }

    @Test
    void appendsToBlockAndFlowListsOnlyWhatIsMissing() throws FixException {
        String block = "drop:\n  - NET_RAW\n  # keep\nkeep: 1\n";
        assertThat(edit(block, Edit.append("drop", json("[\"ALL\"]"))))
                .isEqualTo("drop:\n  - NET_RAW\n  - ALL\n  # keep\nkeep: 1\n");
        assertThat(edit("drop: [NET_RAW]\n", Edit.append("drop", json("[\"ALL\"]")))).isEqualTo("drop: [NET_RAW, ALL]\n");
        assertThat(edit("drop: [ALL]\n", Edit.append("drop", json("[\"ALL\"]")))).isEqualTo("drop: [ALL]\n");
    }

    @Test
    void fillsEmptyFlowMappingsAndNullValues() throws FixException {
        assertThat(edit("a: 1\nsecurityContext: {}\nb: 2\n",
                Edit.set("securityContext.runAsNonRoot", F.booleanNode(true))))
                .isEqualTo("a: 1\nsecurityContext:\n  runAsNonRoot: true\nb: 2\n");
        assertThat(edit("a: 1\nsecurityContext:\nb: 2\n",
                Edit.set("securityContext.runAsNonRoot", F.booleanNode(true))))
                .isEqualTo("a: 1\nsecurityContext:\n  runAsNonRoot: true\nb: 2\n");
        assertThat(edit("a: 1\nsecurityContext: ~\nb: 2\n",
                Edit.set("securityContext.runAsNonRoot", F.booleanNode(true))))
                .isEqualTo("a: 1\nsecurityContext:\n  runAsNonRoot: true\nb: 2\n");
    }

    @Test
    void setsAMappingKeyByKeyAndQuotesWhatGoYamlWouldRetype() throws FixException {
        String before = "resources:\n  requests:\n    memory: 64Mi\n";
        String after = edit(before, Edit.set("resources", json("{\"requests\":{\"cpu\":\"100m\",\"memory\":\"128Mi\"},\"limits\":{\"memory\":\"128Mi\"}}")));
        assertThat(after).isEqualTo("resources:\n  requests:\n    memory: 128Mi\n    cpu: 100m\n  limits:\n    memory: 128Mi\n");
        assertThat(edit("labels:\n  a: b\n", Edit.set("labels.enabled", F.textNode("yes"))))
                .isEqualTo("labels:\n  a: b\n  enabled: \"yes\"\n");
        assertThat(edit("labels:\n  a: b\n", Edit.set("labels[\"app.kubernetes.io/part-of\"]", F.textNode("shop"))))
                .isEqualTo("labels:\n  a: b\n  app.kubernetes.io/part-of: shop\n");
    }

    @Test
    void editsTheSelectedDocumentOnly() throws FixException {
        String before = "kind: ConfigMap\nmetadata:\n  name: a\n---\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostNetwork: true\n";
        String after = YamlSourceEditor.apply(before, new DocumentSelector("Pod", "web", 0),
                List.of(Edit.set("spec.hostNetwork", F.booleanNode(false))));
        assertThat(after).isEqualTo(before.replace("hostNetwork: true", "hostNetwork: false"));
    }

    @Test
    void refusesSharedAnchorsMergeKeysAndFlowMappings() {
        assertThatThrownBy(() -> edit("base: &b\n  x: 1\nsc: *b\n", Edit.set("sc.y", F.numberNode(2))))
                .isInstanceOf(FixException.class).hasMessageContaining("anchor");
        assertThatThrownBy(() -> edit("base: &b\n  x: 1\nsc:\n  <<: *b\n", Edit.set("sc.x", F.numberNode(2))))
                .isInstanceOf(FixException.class);
        assertThatThrownBy(() -> edit("sc: {a: 1}\n", Edit.set("sc.b", F.numberNode(2))))
                .isInstanceOf(FixException.class).hasMessageContaining("flow-style");
        assertThatThrownBy(() -> edit("a: [1\n", Edit.set("a", F.numberNode(2))))
                .isInstanceOf(FixException.class).hasMessageContaining("not valid YAML");
    }

    @Test
    void fileWithoutTrailingNewlineGetsOne() throws FixException {
        assertThat(edit("spec:\n  a: 1", Edit.set("spec.b", F.numberNode(2)))).isEqualTo("spec:\n  a: 1\n  b: 2\n");
    }
}
