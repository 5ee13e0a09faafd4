package dev.guardrails.scanner.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guardrails.scanner.model.ManifestObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestParserTest {

    private final ManifestParser parser = new ManifestParser();

    @Test
    void readsMultipleDocumentsWithFieldLines() throws Exception {
        String yaml = """
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: a
                  labels:
                    app.kubernetes.io/name: demo
                ---
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: b
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          image: nginx:1.27
                """;
        List<ManifestObject> objects = parser.parse(yaml, "dir/x.yaml");
        assertThat(objects).extracting(o -> o.ref().toString()).containsExactly("ConfigMap/a", "Deployment/b");
        assertThat(objects.get(0).origin().line()).isEqualTo(2);
        assertThat(objects.get(1).origin().document()).isEqualTo(2);
        assertThat(objects.get(0).locate("metadata.labels[\"app.kubernetes.io/name\"]").line()).isEqualTo(7);
        ManifestObject deploy = objects.get(1);
        assertThat(deploy.locate("spec.template.spec.containers[0].image").line()).isEqualTo(19);
        // A missing field is located at its nearest existing ancestor.
        assertThat(deploy.locate("spec.template.spec.containers[0].resources.limits").line()).isEqualTo(18);
        assertThat(deploy.at("spec.template.spec.containers[0].image").asText()).isEqualTo("nginx:1.27");
    }

    @Test
    void flattensListKinds() throws Exception {
        String yaml = """
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: v1
                    kind: Service
                    metadata:
                      name: s
                  - apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: c
                """;
        List<ManifestObject> objects = parser.parse(yaml, "list.yaml");
        assertThat(objects).extracting(o -> o.ref().toString()).containsExactly("Service/s", "ConfigMap/c");
        assertThat(objects.get(1).locate("metadata.name").line()).isEqualTo(11);
    }

    @Test
    void readsJsonObjects() throws Exception {
        List<ManifestObject> objects = parser.parse("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"n\"}}", "ns.json");
        assertThat(objects).hasSize(1);
        assertThat(objects.get(0).kind()).isEqualTo("Namespace");
    }

    @Test
    void refusesMalformedYamlWithLine() {
        assertThatThrownBy(() -> parser.parse("apiVersion: v1\nkind: [unclosed\nmetadata: {}\n", "bad.yaml"))
                .isInstanceOf(ManifestParseException.class)
                .hasMessageStartingWith("bad.yaml:")
                .hasMessageContaining("malformed YAML");
    }

    @Test
    void refusesNonObjectDocuments() {
        assertThatThrownBy(() -> parser.parse("- a\n- b\n", "seq.yaml"))
                .isInstanceOf(ManifestParseException.class)
                .hasMessageContaining("not a Kubernetes object");
    }

    @Test
    void refusesAliasBomb() {
        StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        String prev = "a";
        for (char c = 'b'; c <= 'i'; c++) {
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i == 0 ? "" : ",").append('*').append(prev);
            }
            bomb.append("]\n");
            prev = String.valueOf(c);
        }
        assertThatThrownBy(() -> parser.parse(bomb.toString(), "bomb.yaml"))
                .isInstanceOf(ManifestParseException.class)
                .hasMessageContaining("alias");
    }

    @Test
    void refusesOversizedInput() {
        ManifestParser small = new ManifestParser(new ParseLimits(1024, 50, 64, 100));
        String big = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  k: " + "x".repeat(2000) + "\n";
        assertThatThrownBy(() -> small.parse(big, "big.yaml"))
                .isInstanceOf(ManifestParseException.class)
                .hasMessageContaining("over the limit");
    }

    @Test
    void refusesDeepNesting() {
        String deep = "a: ".repeat(0) + "[".repeat(200) + "]".repeat(200);
        assertThatThrownBy(() -> parser.parse("x: " + deep + "\n", "deep.yaml"))
                .isInstanceOf(ManifestParseException.class)
                .hasMessageContaining("nested");
    }

    @Test
    void refusesDuplicateKeys() {
        assertThatThrownBy(() -> parser.parse("apiVersion: v1\nkind: A\nkind: B\n", "dup.yaml"))
                .isInstanceOf(ManifestParseException.class)
                .hasMessageContaining("kind");
    }
}
