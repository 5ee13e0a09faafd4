package dev.guardrails.scanner.rules.podsecurity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.rule.KubeVersion;
import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnsafeSysctlRuleTest {

    private final UnsafeSysctlRule rule = new UnsafeSysctlRule();

    @Test
    void fixtures() {
        RuleFixtures.verify(rule);
    }

    @ParameterizedTest(name = "{0} at {1} -> flagged {2}")
    @CsvSource({
            "kernel.shm_rmid_forced, 1.25, false",
            "net.ipv4.ping_group_range, 1.25, false",
            "net.ipv4.ip_local_reserved_ports, 1.26, true",
            "net.ipv4.ip_local_reserved_ports, 1.27, false",
            "net.ipv4.tcp_keepalive_time, 1.28, true",
            "net.ipv4.tcp_fin_timeout, 1.29, false",
            "net.ipv4.tcp_wmem, 1.31, true",
            "net.ipv4.tcp_wmem, 1.32, false",
            "kernel.msgmax, 1.34, true",
            "net.core.somaxconn, 1.34, true",
            // the kernel accepts slashes, but PSA matches names exactly
            "net/ipv4/tcp_syncookies, 1.34, true",
    })
    void safeSetFollowsTheClusterVersion(String sysctl, String version, boolean flagged) {
        String yaml = PodCases.workload("CronJob", "", "{sysctls: [{name: " + sysctl + ", value: '1'}]}", "", "", "");
        String expected = flagged ? "pod" : "";
        assertThat(PodCases.run(rule, yaml, KubeVersion.parse(version))).isEqualTo(expected);
    }
}
