package dev.guardrails.scanner.rules.podsecurity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CapabilitiesAddedRuleTest {

    private final CapabilitiesAddedRule rule = new CapabilitiesAddedRule();

    @Test
    void fixtures() {
        RuleFixtures.verify(rule);
    }

    @ParameterizedTest(name = "add {0} -> flagged {1}")
    @CsvSource({
            "NET_BIND_SERVICE, false",
            "SYS_CHROOT, false",
            "AUDIT_WRITE, false",
            "SETPCAP, false",
            "NET_RAW, true",
            "SYS_ADMIN, true",
            "SYS_PTRACE, true",
            "ALL, true",
            // PSA compares names exactly, so prefixed or lower-case spellings are not allowed
            "CAP_CHOWN, true",
            "chown, true",
    })
    void baselineAllowList(String capability, boolean flagged) {
        String app = "{capabilities: {add: [" + capability + "]}}";
        String expected = flagged ? "app" : "";
        assertThat(PodCases.run(rule, PodCases.workload("Deployment", "", "", "", app, ""))).isEqualTo(expected);
    }

    @Test
    void initAndEphemeralContainersAreChecked() {
        String add = "{capabilities: {add: [SYS_ADMIN]}}";
        assertThat(PodCases.run(rule, PodCases.workload("Pod", "", "", add, "", add))).isEqualTo("debug init");
    }
}
