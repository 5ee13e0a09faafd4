package dev.guardrails.scanner.rules.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.rule.RuleFixtures;
import dev.guardrails.scanner.rule.Violation;
import dev.guardrails.scanner.rules.availability.InlineRun;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlaintextSecretRuleTest {

    @Test
    void fixtures() {
        RuleFixtures.verify(new PlaintextSecretRule());
    }

    @Test
    void namesKeysButNeverValues() {
        List<Violation> violations = InlineRun.check(new PlaintextSecretRule(), """
                apiVersion: v1
                kind: Secret
                metadata: {name: db}
                data: {password: aHVudGVyMg==, empty: ''}
                stringData: {token: hunter2-token, url: 'postgres://u:pw-in-url@db/app'}
                """);
        assertThat(violations).extracting(Violation::path).containsExactly("data", "stringData");
        assertThat(violations.get(0).message()).contains("password").doesNotContain("empty");
        assertThat(violations.get(1).message()).contains("token", "url");
        assertThat(violations).extracting(Violation::message)
                .noneMatch(m -> m.contains("aHVudGVyMg") || m.contains("hunter2") || m.contains("pw-in-url"));
    }

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "v1                 | Secret       | 1",
            "v1                 | ConfigMap    | 0",
            "example.com/v1     | Secret       | 0"})
    void onlyCoreSecrets(String apiVersion, String kind, int expected) {
        String yaml = """
                apiVersion: %s
                kind: %s
                metadata: {name: s}
                data: {key: dmFsdWU=}
                """.formatted(apiVersion, kind);
        assertThat(InlineRun.check(new PlaintextSecretRule(), yaml)).hasSize(expected);
    }
}
