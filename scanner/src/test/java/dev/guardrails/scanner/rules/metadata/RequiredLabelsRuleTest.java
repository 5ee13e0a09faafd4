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
    void reportsOneFindingPerObjectListingEveryMissingKey() {
        List<Violation> violations = InlineRun.check(new RequiredLabelsRule(), """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db}
                spec:
                  template:
                    metadata: {labels: {owner: x}}
                """);
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("metadata.labels");
            assertThat(v.message()).isEqualTo("StatefulSet \"db\" has no labels \"app.kubernetes.io/name\","
                    + " \"owner\"; its pod template has no label \"app.kubernetes.io/name\"");
        });
        assertThat(InlineRun.check(new RequiredLabelsRule(), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, labels: {app.kubernetes.io/name: web, owner: shop}}
                spec:
                  template:
                    metadata: {labels: {app.kubernetes.io/name: web}}
                """)).singleElement().satisfies(v -> {
                    assertThat(v.path()).isEqualTo("spec.template.metadata.labels");
                    assertThat(v.message()).isEqualTo(
                            "the pod template of Deployment \"web\" has no label \"owner\"");
                });
    }

    @ParameterizedTest(name = "required {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "''                  | 0",
            "team                | 0",
            "team,tier           | 1",
            "tier,cost-center    | 1"})
    void usesConfiguredKeys(String keys, int expected) {
        List<String> required = keys.isEmpty() ? List.of() : List.of(keys.split(","));
        RuleSettings settings = new RuleSettings(List.of(), required, KubeVersion.DEFAULT, 50);
        String yaml = "{apiVersion: v1, kind: Service, metadata: {name: s, labels: {team: a}}}";
        assertThat(InlineRun.check(new RequiredLabelsRule(), yaml, settings)).hasSize(expected);
    }
}
