package dev.guardrails.scanner.rules.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.rule.RuleFixtures;
import dev.guardrails.scanner.rules.availability.InlineRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageDigestRuleTest {

    @Test
    void fixtures() {
        RuleFixtures.verify(new ImageDigestRule());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "nginx, 1",
            "nginx:1.27, 1",
            "localhost:5000/app:v1, 1",
            "nginx@sha256:0b2a1e0d, 0",
            "nginx:1.27@sha256:0b2a1e0d, 0",
            "'', 0"})
    void flagsImagesWithoutDigest(String image, int expected) {
        String yaml = """
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers:
                    - {name: app, image: '%s'}
                """.formatted(image);
        assertThat(InlineRun.check(new ImageDigestRule(), yaml)).hasSize(expected);
    }
}
