package dev.guardrails.scanner.rules.podsecurity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.rule.KubeVersion;
import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VolumeTypeRestrictedRuleTest {

    private final VolumeTypeRestrictedRule rule = new VolumeTypeRestrictedRule();

    @Test
    void fixtures() {
        RuleFixtures.verify(rule);
    }

    @ParameterizedTest(name = "{0} at {1} -> [{2}]")
    @CsvSource(delimiter = '|', emptyValue = "", value = {
            "{name: v, emptyDir: {}}                                   | 1.34 | ''",
            // a volume with no source is defaulted to emptyDir by the API server
            "{name: v}                                                 | 1.34 | ''",
            "{name: v, gitRepo: {repository: 'https://example.com/r'}} | 1.34 | volumes[0].gitRepo",
            "{name: v, iscsi: {targetPortal: '10.0.0.1', iqn: x, lun: 0}} | 1.34 | volumes[0].iscsi",
            "{name: v, flexVolume: {driver: example/lvm}}              | 1.34 | volumes[0].flexVolume",
            // OCI image volumes are allowed from 1.33
            "{name: v, image: {reference: 'registry.example.com/m:1'}} | 1.32 | volumes[0].image",
            "{name: v, image: {reference: 'registry.example.com/m:1'}} | 1.33 | ''",
    })
    void allowedTypes(String volume, String version, String expected) {
        String yaml = PodCases.workload("CronJob", "volumes: [" + volume + "]", "", "", "", "");
        assertThat(PodCases.run(rule, yaml, KubeVersion.parse(version))).isEqualTo(expected);
    }
}
