package dev.guardrails.scanner.rules.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.rule.KubeVersion;
import dev.guardrails.scanner.rule.RuleFixtures;
import dev.guardrails.scanner.rule.RuleSettings;
import dev.guardrails.scanner.rules.availability.InlineRun;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AllowedRegistryRuleTest {

    private static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              containers:
                - {name: app, image: '%s'}
            """;

    @Test
    void fixtures() {
        RuleFixtures.verify(new AllowedRegistryRule());
    }

    @ParameterizedTest(name = "{0} allowed by {1} -> {2}")
    @CsvSource({
            "nginx:1.27, docker.io/library/, true",
            "nginx:1.27, docker.io/library/nginx, true",
            "nginx:1.27, docker.io/library/ngin, false",
            "nginx:1.27, nginx, false",
            "docker.io/nginx:1.27, docker.io/library/, true",
            "bitnami/redis:7, docker.io/bitnami/, true",
            "bitnami/redis:7, docker.io/library/, false",
            "ghcr.io/acme/app:1, ghcr.io/acme, true",
            "ghcr.io/acmecorp/app:1, ghcr.io/acme, false",
            "registry.example.com:5000/app:1, registry.example.com/, false",
            "registry.example.com/app@sha256:abc, registry.example.com/, true"})
    void comparesNormalisedNames(String image, String entry, boolean allowed) {
        RuleSettings settings = new RuleSettings(List.of(entry), List.of(), KubeVersion.DEFAULT, 50);
        assertThat(InlineRun.check(new AllowedRegistryRule(), POD.formatted(image), settings))
                .hasSize(allowed ? 0 : 1);
    }

    @Test
    void emptyAllowListAllowsEverything() {
        RuleSettings settings = new RuleSettings(List.of(), List.of(), KubeVersion.DEFAULT, 50);
        assertThat(InlineRun.check(new AllowedRegistryRule(), POD.formatted("quay.io/x/y:1"), settings)).isEmpty();
    }
}
