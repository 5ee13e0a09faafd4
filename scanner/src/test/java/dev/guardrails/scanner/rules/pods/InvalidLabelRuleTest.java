package dev.guardrails.scanner.rules.pods;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InvalidLabelRuleTest {

    @Test
    void fixtures() {
        RuleFixtures.verify(new InvalidLabelRule());
    }

    @ParameterizedTest(name = "{0} valid={1}")
    @CsvSource({
            "app, true",
            "app.kubernetes.io/name, true",
            "example.com/Team_Name, true",
            "a/b, true",
            "/name, false",
            "Example.com/name, false",
            "example.com/, false",
            "-leading, false",
            "trailing., false",
            "a/b/c, false",
            "has space, false",
    })
    void keys(String key, boolean valid) {
        assertThat(InvalidLabelRule.keyProblem(key) == null).isEqualTo(valid);
    }
}
