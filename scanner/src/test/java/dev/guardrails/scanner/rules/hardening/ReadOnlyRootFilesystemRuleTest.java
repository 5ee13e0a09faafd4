package dev.guardrails.scanner.rules.hardening;

import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;

class ReadOnlyRootFilesystemRuleTest {

    @Test
    void fixtures() {
        RuleFixtures.verify(new ReadOnlyRootFilesystemRule());
    }
}
