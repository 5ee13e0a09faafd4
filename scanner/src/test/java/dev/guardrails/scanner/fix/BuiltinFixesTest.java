package dev.guardrails.scanner.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rules.BuiltinRules;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuiltinFixesTest {

    @Test
    void everyFixerFixesOneBuiltInRuleOnce() {
        List<String> ids = BuiltinFixes.all().stream().map(Fixer::ruleId).toList();
        List<String> rules = BuiltinRules.all().stream().map(Rule::id).toList();

        assertThat(ids).doesNotHaveDuplicates();
        assertThat(rules).containsAll(ids);
        assertThat(BuiltinFixes.all()).allSatisfy(f -> assertThat(f.describe()).isNotBlank().doesNotEndWith("."));
    }
}
