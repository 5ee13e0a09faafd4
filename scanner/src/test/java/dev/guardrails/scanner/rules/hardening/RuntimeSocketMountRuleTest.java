package dev.guardrails.scanner.rules.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.rule.RuleFixtures;
import dev.guardrails.scanner.rules.podsecurity.PodCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuntimeSocketMountRuleTest {

    private final RuntimeSocketMountRule rule = new RuntimeSocketMountRule();

    @Test
    void fixtures() {
        RuleFixtures.verify(rule);
    }

    @ParameterizedTest(name = "{0} -> flagged {1}")
    @CsvSource({
            "/var/run/docker.sock, true",
            "/run/docker.sock, true",
            "//var//run//docker.sock, true",
            "/run/containerd/containerd.sock, true",
            "/run/k3s/containerd/containerd.sock, true",
            "/var/run/crio/crio.sock, true",
            "/var/run/cri-dockerd.sock, true",
            "/run/podman/podman.sock, true",
            // directories that hold a socket expose it too
            "/var/run, true",
            "/run/containerd/, true",
            "/, true",
            "/var/lib/docker/containers, false",
            "/var/log, false",
            "/run/secrets/app, false",
            "/etc/docker.sock.d, false",
    })
    void socketsAndTheirDirectories(String path, boolean flagged) {
        assertThat(RuntimeSocketMountRule.exposesSocket(path)).isEqualTo(flagged);
    }

    @Test
    void cronJobVolumesAreChecked() {
        String yaml = PodCases.workload("CronJob",
                "volumes: [{name: sock, hostPath: {path: /var/run/docker.sock, type: Socket}}]", "", "", "", "");
        assertThat(PodCases.run(rule, yaml)).isEqualTo("volumes[0].hostPath.path");
    }
}
