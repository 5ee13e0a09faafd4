package dev.guardrails.argocd.appset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoTemplateTest {

    private static Map<String, Object> data() {
        Map<String, Object> path = new LinkedHashMap<>();
        path.put("path", "apps/My App");
        path.put("segments", new ArrayList<Object>(List.of("apps", "My App")));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("path", path);
        data.put("name", "Shop");
        data.put("empty", "");
        data.put("n", 1000000.0);
        data.put("half", 0.5);
        data.put("on", true);
        data.put("nil", null);
        return data;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '\'', value = {
        "{{.name}} => Shop",
        "{{ .path.path }} => apps/My App",
        "{{ index .path.segments 1 }} => My App",
        "{{ index .path.segments 1 | normalize }} => my-app",
        "{{ .name | lower | upper }} => SHOP",
        "{{ .empty | default \"x\" }} => x",
        "{{ default \"x\" .name }} => Shop",
        "{{ .missing | default \"fallback\" }} => fallback",
        "{{ .missing }} => <no value>",
        "{{ .nil }} => <no value>",
        "{{ .n }} => 1e+06",
        "{{ .half }} => 0.5",
        "{{ 42 }} => 42",
        "{{ trunc 2 .name }} => Sh",
        "{{ trunc -2 .name }} => op",
        "{{ replace \"o\" \"0\" .name }} => Sh0p",
        "{{ quote .name }} => '\"Shop\"'",
        "{{ .name | quote }} => '\"Shop\"'",
        "{{ squote .name }} => '''Shop'''",
        "{{ trimPrefix \"apps/\" .path.path }} => My App",
        "{{ .path.path | trimSuffix \" App\" }} => apps/My",
        "{{ if .on }}yes{{ else }}no{{ end }} => yes",
        "{{ if .empty }}yes{{ else }}no{{ end }} => no",
        "{{ if not .on }}a{{ else if .name }}b{{ else }}c{{ end }} => b",
        "{{ if and .on .empty }}a{{ else }}b{{ end }} => b",
        "{{ or .empty .name }} => Shop",
        "{{ if eq .name \"Shop\" \"Other\" }}hit{{ end }} => hit",
        "{{ if ne .name \"Shop\" }}hit{{ end }}x => x",
        "{{ with .path }}{{ .path }}{{ end }} => apps/My App",
        "{{ with .path }}{{ $.name }}{{ end }} => Shop",
        "{{ len .path.segments }} => 2",
        "{{ printf \"%s/%d/%v%%\" .name 3 .on }} => Shop/3/true%",
        "{{ (index .path.segments 0) | upper }} => APPS",
        "'a {{- \" b \" -}} c' => a b c",
        "'a {{/* comment */}} c' => a  c",
        "'a {{- /* comment */ -}} c' => ac",
        "{{ `raw {{x}}` }} => raw {{x}}",
        "{{ toJson .path.segments }} => '[\"apps\",\"My App\"]'",
        "{{ toYaml .path.segments }} => '- apps\n- My App'",
        "{{ join \",\" .path.segments }} => apps,My App",
        "{{ hasPrefix \"Sh\" .name }} => true",
        "{{ -3 }} => -3",
        "plain text => plain text",
    })
    void renders(String template, String expected) throws ExpansionException {
        String want = expected.replace("\\n", "\n");
        assertThat(GoTemplate.parse(template).execute(data(), false)).isEqualTo(want);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '\'', value = {
        "{{ range .path.segments }}{{ . }}{{ end }} => construct 'range' is not supported",
        "{{ $x := .name }}{{ $x }} => variables ('$x') are not supported",
        "{{ template \"x\" . }} => construct 'template' is not supported",
        "{{ slugify 10 true .name }} => function 'slugify' is not supported offline",
        "{{ if .on }}unterminated => missing {{end}}",
        "{{ end }} => unexpected {{end}}",
        "{{ .name => unclosed action",
        "{{ }} => missing value for command",
        "{{ .name 1 }} => can't give argument to non-function",
        "{{ .missing | lower }} => invalid value; expected string",
        "{{ .on | upper }} => expected string; got bool",
        "{{ index .path.segments 5 }} => index out of range: 5",
        "{{ .name.first }} => can't evaluate field first in type string",
        "{{ .nil.first }} => nil pointer evaluating",
        "{{ eq .n 1 }} => incompatible types for comparison",
        "{{ printf \"%x\" .name }} => printf verb '%x' is not supported",
    })
    void rejectsWithAMessageNamingTheConstruct(String template, String message) {
        assertThatThrownBy(() -> GoTemplate.parse(template).execute(data(), false))
                .isInstanceOf(ExpansionException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
        "{{ .missing }} => map has no entry for key \"missing\"",
        "{{ .path.nope }} => map has no entry for key \"nope\"",
        "{{ if .missing }}x{{ end }} => map has no entry for key \"missing\"",
    })
    void missingKeyErrorOption(String template, String message) {
        assertThatThrownBy(() -> GoTemplate.parse(template).execute(data(), true))
                .isInstanceOf(ExpansionException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "1000000 | 1e+06",
        "123456  | 123456",
        "1234567 | 1.234567e+06",
        "0.0001  | 0.0001",
        "0.00001 | 1e-05",
        "2.5     | 2.5",
        "-3      | -3",
        "0       | 0",
    })
    void formatsFloatsLikeGo(double value, String expected) {
        assertThat(GoValues.formatFloat(value)).isEqualTo(expected);
    }
}
