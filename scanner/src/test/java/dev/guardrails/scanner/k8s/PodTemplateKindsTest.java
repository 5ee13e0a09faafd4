package dev.guardrails.scanner.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.Violation;
import dev.guardrails.scanner.rules.BuiltinRules;
import dev.guardrails.scanner.rules.availability.InlineRun;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Argo Rollouts and OpenShift DeploymentConfigs run pods from a template like a Deployment: every
 * pod rule must fire on them exactly as on the Deployment with the same template (shapes taken from
 * the Argo Rollouts examples and the OpenShift docs).
 */
class PodTemplateKindsTest {

    private static final String POD_TEMPLATE = """
              replicas: 3
              %s
              template:
                metadata:
                  labels: {app: guestbook}
                spec:
                  hostNetwork: true
                  hostPID: true
                  volumes:
                    - name: docker
                      hostPath: {path: /var/run/docker.sock}
                  initContainers:
                    - name: init
                      image: busybox:latest
                  containers:
                    - name: guestbook
                      image: quay.io/example/guestbook:latest
                      ports:
                        - containerPort: 8080
                          hostPort: 8080
                      securityContext:
                        privileged: true
                        allowPrivilegeEscalation: true
                        runAsUser: 0
                        capabilities: {add: [SYS_ADMIN]}
                      volumeMounts:
                        - {name: docker, mountPath: /var/run/docker.sock}
            """;

    /** Rules about a Deployment's own update strategy, which the other kinds spell differently. */
    private static final Set<String> DEPLOYMENT_ONLY = Set.of("rolling-update-unsafe");

    private static Set<String> fired(String apiVersion, String kind, String strategy) {
        String yaml = "apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata:\n  name: guestbook\n  namespace: shop\n"
                + "spec:\n" + POD_TEMPLATE.formatted(strategy).stripIndent().indent(2);
        Set<String> ids = new TreeSet<>();
        for (Rule rule : BuiltinRules.all()) {
            List<Violation> violations = InlineRun.check(rule, yaml);
            if (!violations.isEmpty() && !DEPLOYMENT_ONLY.contains(rule.info().id())) {
                ids.add(rule.info().id());
            }
        }
        return ids;
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "argoproj.io/v1alpha1 | Rollout          | 'strategy: {canary: {steps: [{setWeight: 20}]}}'",
            "apps.openshift.io/v1 | DeploymentConfig | 'strategy: {type: Rolling}'"})
    void everyPodRuleRunsAsOnADeployment(String apiVersion, String kind, String strategy) {
        Set<String> deployment = fired("apps/v1", "Deployment", "");

        assertThat(deployment).as("the template is bad enough to matter")
                .contains("privileged-container", "host-network", "latest-tag", "cpu-request-missing",
                        "readiness-probe-missing", "pdb-missing", "topology-spread-missing");
        assertThat(fired(apiVersion, kind, strategy)).isEqualTo(deployment);
    }
}
