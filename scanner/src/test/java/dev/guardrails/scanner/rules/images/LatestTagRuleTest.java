package dev.guardrails.scanner.rules.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.k8s.ImageRef;
import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LatestTagRuleTest {

    @Test
    void fixtures() {
        RuleFixtures.verify(new LatestTagRule());
    }

    @ParameterizedTest
    @CsvSource({
            "nginx, docker.io, library/nginx, ''",
            "nginx:1.27, docker.io, library/nginx, 1.27",
            "localhost:5000/team/app:v1, localhost:5000, team/app, v1",
            "registry.example.com/app@sha256:abc, registry.example.com, app, ''",
            "acme/app:latest, docker.io, acme/app, latest"
    })
    void parsesImageReferences(String image, String registry, String repository, String tag) {
        ImageRef ref = ImageRef.parse(image);
        assertThat(ref.registry()).isEqualTo(registry);
        assertThat(ref.repository()).isEqualTo(repository);
        assertThat(ref.tag()).isEqualTo(tag);
    }
}
