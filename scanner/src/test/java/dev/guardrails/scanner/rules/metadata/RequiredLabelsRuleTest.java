package dev.guardrails.scanner.rules.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.rule.KubeVersion;
import dev.guardrails.scanner.rule.RuleFixtures;
import dev.guardrails.scanner.rule.RuleSettings;
import dev.guardrails.scanner.rule.Violation;
import dev.guardrails.scanner.rules.availability.InlineRun;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequiredLabelsRuleTest {

    @Test
    void fixtures() {
        RuleFixtures.verify(new RequiredLabelsRule());
    }

    @Test
    void reportsEachMissingKeyOnItsOwnWithTheLabelsPath() {
        List<Violation> violations = InlineRun.check(new RequiredLabelsRule(), """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db}
                spec:
                  template:
                    metadata: {labels: {owner: x}}
                """);
        assertThat(violations).extracting(Violation::path).containsExactly(
                "metadata.labels", "metadata.labels", "spec.template.metadata.labels");
        assertThat(violations).extracting(Violation::message).allMatch(m -> m.contains("app.kubernetes.io/name")
                || m.contains("\"owner\""));
    }

    @ParameterizedTest(name = "required {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "''                  | 0",
            "team                | 0",
            "team,tier           | 1",
            "tier,cost-center    | 2"})
    void usesConfiguredKeys(String keys, int expected) {
        List<String> required = keys.isEmpty() ? List.of() : List.of(keys.split(","));
        RuleSettings settings = new RuleSettings(List.of(), required, KubeVersion.DEFAULT, 50);
        String yaml = "{apiVersion: v1, kind: Service, metadata: {name: s, labels: {team: a}}}";
        assertThat(InlineRun.check(new RequiredLabelsRule(), yaml, settings)).hasSize(expected);
    }
}
