package dev.guardrails.scanner.rules.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PullPolicyMutableTagRuleTest {

    @Test
    void fixtures() {
        RuleFixtures.verify(new PullPolicyMutableTagRule());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "'', true",
            "latest, true",
            "main, true",
            "Stable, true",
            "1.2-SNAPSHOT, true",
            "alpine, true",
            "1.27.3, false",
            "v2, false",
            "1.27-alpine, false",
            "sha-3f2a1b, false",
            "2024-05-01, false",
    })
    void mutableTags(String tag, boolean mutable) {
        assertThat(PullPolicyMutableTagRule.isMutable(tag)).isEqualTo(mutable);
    }
}
