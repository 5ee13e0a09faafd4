package dev.guardrails.scanner.rules.exposure;

import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;

class IngressNginxSnippetRuleTest {

    @Test
    void fixtures() {
        RuleFixtures.verify(new IngressNginxSnippetRule());
    }
}
