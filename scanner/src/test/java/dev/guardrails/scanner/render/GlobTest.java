package dev.guardrails.scanner.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GlobTest {

    @ParameterizedTest
    @CsvSource({
            "*.yaml,            a.yaml,          true,  true",
            "*.yaml,            dir/a.yaml,      true,  false",
            "**/*.yaml,         dir/sub/a.yaml,  true,  true",
            "**/*.yaml,         a.yaml,          false, true",
            "vendor/**,         vendor/x/y.yaml, true,  true",
            "vendor/**,         vendor,          false, true",
            "vendor/**,         vendors,         false, false",
            "a/**/b.yaml,       a/b.yaml,        false, true",
            "a/**/b.yaml,       a/x/y/b.yaml,    true,  true",
            "a?.yaml,           ab.yaml,         true,  true",
            "a?.yaml,           a/.yaml,         true,  false",
            "[!x]*.yaml,        a.yaml,          true,  true",
            "[!x]*.yaml,        x.yaml,          false, false",
            "'{*.yml,*.json}',  c.json,          true,  true",
            "'{*.yml,*.json}',  c.yaml,          false, false",
            "'a\\*b',           a*b,             true,  true",
            "'a\\*b',           axb,             false, false",
    })
    void argoAndSegmentedFlavours(String pattern, String path, boolean argo, boolean segmented) {
        assertThat(Glob.argo(pattern).matches(path)).as("argo").isEqualTo(argo);
        assertThat(Glob.segmented(pattern).matches(path)).as("segmented").isEqualTo(segmented);
    }

    @Test
    void unbalancedBracesAreRejected() {
        assertThatThrownBy(() -> Glob.argo("{a,b")).isInstanceOf(IllegalArgumentException.class);
    }
}
