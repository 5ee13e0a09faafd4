package dev.guardrails.argocd.appset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathPatternsTest {

    @ParameterizedTest(name = "path.Match({0}, {1}) = {2}")
    @CsvSource({
        "apps/*, apps/web, true",
        "apps/*, apps/web/nested, false",
        "apps/*, apps/.hidden, true",
        "*, apps, true",
        "*, apps/web, false",
        "apps/?eb, apps/web, true",
        "apps/?, apps/web, false",
        "apps/[a-v]*, apps/web, false",
        "apps/[a-w]*, apps/web, true",
        "apps/[^w]*, apps/web, false",
        "apps/[^w]*, apps/api, true",
        "apps/\\*, apps/*, true",
        "apps/\\*, apps/x, false",
        "apps/web, apps/web, true",
        "apps/web, apps/web2, false",
        "*/*/prod, a/b/prod, true",
        "*/prod, a/b/prod, false",
    })
    void goPathMatch(String pattern, String path, boolean expected) throws ExpansionException {
        assertThat(PathPatterns.goMatch(pattern, path)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "git ls-files -- {0} lists {1}: {2}")
    @CsvSource({
        "clusters/*/config.yaml, clusters/dev/config.yaml, true",
        "clusters/*/config.yaml, clusters/eu/west/config.yaml, true",
        "clusters/*/config.yaml, clusters/config.yaml, false",
        "clusters/*.json, clusters/a/b.json, true",
        "clusters, clusters/dev/config.yaml, true",
        "clusters/, clusters/dev/config.yaml, true",
        "clusters, clustersX/config.yaml, false",
        "config.yaml, config.yaml, true",
        "config.yaml, sub/config.yaml, false",
        "**/config.yaml, a/b/config.yaml, true",
        "*/config.yaml, config.yaml, false",
        "c?uster/x, cluster/x, true",
    })
    void gitPathspec(String pattern, String path, boolean expected) throws ExpansionException {
        assertThat(PathPatterns.gitPathspec(pattern, path)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"apps/[a-", "apps/\\", "[x"})
    void badPatternsAreErrors(String pattern) {
        assertThatThrownBy(() -> PathPatterns.goMatch(pattern, "apps/web"))
                .isInstanceOf(ExpansionException.class)
                .hasMessageContaining("syntax error in pattern");
    }
}
