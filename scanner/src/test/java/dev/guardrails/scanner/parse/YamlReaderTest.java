package dev.guardrails.scanner.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The resolving reader against what sigs.k8s.io/yaml (go-yaml v2) produces for the same input. */
class YamlReaderTest {

    private final YamlReader reader = new YamlReader();
    private final ObjectMapper json = new ObjectMapper();

    private String resolved(String yaml) throws Exception {
        return json.writeValueAsString(reader.readTree(yaml, "x.yaml"));
    }

    /** Each row: a plain scalar as written, and the JSON sigs.k8s.io/yaml's YAMLToJSON makes of it. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "true|true", "True|true", "yes|true", "Yes|true", "YES|true", "on|true", "ON|true", "y|true", "Y|true",
            "false|false", "no|false", "off|false", "n|false", "N|false",
            "~|null", "null|null", "Null|null", "''|null",
            "12|12", "+12|12", "-7|-7", "1_000|1000", "0x1F|31", "0o17|15", "0777|511", "0b101|5",
            "08|8", "1.5|1.5", ".5|0.5", "1e3|1000", "9223372036854775807|9223372036854775807",
            "18446744073709551615|18446744073709551615",
            "2001-12-14|\"2001-12-14\"", "1:20|\"1:20\"", "yep|\"yep\"", ".|\".\"", "0x|\"0x\"", "tRuE|\"tRuE\"",
            "'\"yes\"'|\"yes\"", "'!!str true'|\"true\"", "'!!bool \"yes\"'|true", "'!!int \"0x10\"'|16",
            "'!!float 1'|1", "'!foo true'|\"true\"",
    })
    void scalarsResolveAsGoYamlV2(String written, String expected) throws Exception {
        String value = written.equals("''") ? "" : written;
        assertThat(json.readTree(resolved("v: " + value)).get("v")).as(written).isEqualTo(json.readTree(expected));
    }

    @Test
    void keysBecomeJsonStringsAndCollideAfterResolution() throws Exception {
        assertThat(resolved("yes: a\n0x10: b\n1.5: c\n")).isEqualTo("{\"true\":\"a\",\"16\":\"b\",\"1.5\":\"c\"}");
        assertThatThrownBy(() -> reader.readTree("true: a\nyes: b\n", "x.yaml"))
                .isInstanceOf(ManifestParseException.class).hasMessageContaining("duplicate key 'true'");
        assertThatThrownBy(() -> reader.readTree("~: a\n", "x.yaml"))
                .isInstanceOf(ManifestParseException.class).hasMessageContaining("null map key");
    }

    @Test
    void aliasesExpandToTheAnchoredValue() throws Exception {
        assertThat(resolved("a: &t true\nb: *t\nc: &m {x: 1}\nd: *m\n"))
                .isEqualTo("{\"a\":true,\"b\":true,\"c\":{\"x\":1},\"d\":{\"x\":1}}");
    }

    @Test
    void mergeKeysApplyWhereTheyStandAndEarlierListMapsWin() throws Exception {
        assertThat(resolved("b: &b {x: 1, z: 1}\nm: {<<: *b, x: 2}\n")).contains("\"m\":{\"x\":2,\"z\":1}");
        // go-yaml v2 sets merged keys when it meets the merge key, so a later merge overrides
        assertThat(resolved("m: {x: 2, <<: {x: 1}}\n")).isEqualTo("{\"m\":{\"x\":1}}");
        assertThat(resolved("m:\n  <<: [{x: 1}, {x: 2, z: 2}]\n")).isEqualTo("{\"m\":{\"x\":1,\"z\":2}}");
        assertThat(resolved("m: {\"<<\": {x: 1}}\n")).isEqualTo("{\"m\":{\"<<\":{\"x\":1}}}"); // quoted: a plain key
        assertThatThrownBy(() -> reader.readTree("m: {<<: [1]}\n", "x.yaml"))
                .isInstanceOf(ManifestParseException.class).hasMessageContaining("map merge requires map");
    }

    @Test
    void aDuplicateKeyRefusesItsDocumentOnly() throws Exception {
        List<YamlReader.Document> docs = reader.documents("a: 1\na: 2\n---\nb: 1\n", "x.yaml");
        assertThat(docs).hasSize(2);
        assertThat(docs.get(0).error()).hasMessage("x.yaml:2: duplicate key 'a' (first at line 1); kubectl refuses the object");
        assertThat(docs.get(1).error()).isNull();
        assertThat(docs.get(1).root().get("b").asInt()).isEqualTo(1);
        assertThat(docs.get(1).line()).isEqualTo(4);
    }

    @Test
    void linesOfAliasedAndMergedFieldsPointAtWhereTheyAreWritten() throws Exception {
        YamlReader.Document doc = reader.documents("base: &b\n  x: 1\nm:\n  <<: *b\n  z: 2\n", "x.yaml").get(0);
        assertThat(doc.lines()).containsEntry("m.x", 2).containsEntry("m.z", 5).containsEntry("base.x", 2);
    }

    @Test
    void boundsHoldAfterAliasExpansion() {
        StringBuilder wide = new StringBuilder("a: &a [x, x, x, x]\n");
        String prev = "a";
        for (char c = 'b'; c <= 'k'; c++) {
            wide.append(c).append(": &").append(c).append(" [*").append(prev).append(", *").append(prev)
                    .append(", *").append(prev).append(", *").append(prev).append("]\n");
            prev = String.valueOf(c);
        }
        assertThatThrownBy(() -> reader.readTree(wide.toString(), "x.yaml"))
                .isInstanceOf(ManifestParseException.class).hasMessageContaining("alias bomb");
        assertThatThrownBy(() -> reader.readTree("x: &x [*x]\n", "x.yaml")).isInstanceOf(ManifestParseException.class);
        assertThatThrownBy(() -> reader.readTree("v: .inf\n", "x.yaml"))
                .isInstanceOf(ManifestParseException.class).hasMessageContaining("JSON");
    }

    @Test
    void syntaxErrorsNeverQuoteTheInput() {
        assertThatThrownBy(() -> reader.readTree("a: b\n  secret-value: [\n", "x.yaml"))
                .isInstanceOf(ManifestParseException.class)
                .hasMessageStartingWith("x.yaml:")
                .hasMessageNotContaining("secret-value");
    }

    @Test
    void emptyInputIsAMissingTree() throws Exception {
        JsonNode empty = reader.readTree("# nothing\n", "x.yaml");
        assertThat(empty.isMissingNode()).isTrue();
    }
}
