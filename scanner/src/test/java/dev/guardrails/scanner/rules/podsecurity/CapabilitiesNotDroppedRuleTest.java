package dev.guardrails.scanner.rules.podsecurity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CapabilitiesNotDroppedRuleTest {

    private final CapabilitiesNotDroppedRule rule = new CapabilitiesNotDroppedRule();

    @Test
    void fixtures() {
        RuleFixtures.verify(rule);
    }

    @ParameterizedTest(name = "{0}: app {1} -> [{2}]")
    @CsvSource(delimiter = '|', emptyValue = "", value = {
            "Deployment | {capabilities: {drop: [ALL]}}                           | ''",
            "Deployment | {capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}}  | ''",
            "CronJob    | {capabilities: {drop: [ALL], add: [CHOWN]}}             | app",
            // PSA compares names exactly: lower-case 'all' does not count
            "Pod        | {capabilities: {drop: [all]}}                           | app",
            "Pod        | {capabilities: {drop: [NET_RAW, SYS_ADMIN]}}            | app",
            "Pod        |                                                         | app",
    })
    void dropAllAddOnlyNetBindService(String kind, String app, String expected) {
        String init = "{capabilities: {drop: [ALL]}}";
        assertThat(PodCases.run(rule, PodCases.workload(kind, "", "", init, app, ""))).isEqualTo(expected);
    }

    @Test
    void initContainersMustDropAllToo() {
        String yaml = PodCases.workload("CronJob", "", "", "", "{capabilities: {drop: [ALL]}}", "");
        assertThat(PodCases.run(rule, yaml)).isEqualTo("init");
    }

    @Test
    void windowsPodsAreExempt() {
        String yaml = PodCases.workload("Deployment", "os: {name: windows}", "", "", "", "");
        assertThat(PodCases.run(rule, yaml)).isEmpty();
    }
}
