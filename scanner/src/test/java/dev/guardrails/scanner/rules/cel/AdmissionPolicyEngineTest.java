package dev.guardrails.scanner.rules.cel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.config.ConfigLoader;
import dev.guardrails.scanner.config.GuardrailsConfig;
import dev.guardrails.scanner.discovery.AppDiscoverer;
import dev.guardrails.scanner.engine.GuardrailsEngine;
import dev.guardrails.scanner.engine.ScanOptions;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.ScanReport;
import dev.guardrails.scanner.parse.ManifestParser;
import dev.guardrails.scanner.render.DirectoryRenderer;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rules.BuiltinRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Admission policies a platform app deploys apply to the workloads of other apps in the same scan. */
class AdmissionPolicyEngineTest {

    private static final String POLICY = """
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicy
            metadata:
              name: replica-limit
            spec:
              matchConstraints:
                resourceRules:
                  - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [deployments]}
                namespaceSelector:
                  matchLabels: {guardrails: "on"}
              validations:
                - expression: "object.spec.replicas <= 5"
                  message: at most 5 replicas
            ---
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicyBinding
            metadata:
              name: replica-limit
            spec:
              policyName: replica-limit
              validationActions: [Deny]
            ---
            apiVersion: v1
            kind: Namespace
            metadata:
              name: shop
              labels: {guardrails: "%s"}
            """;

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
            spec:
              replicas: %d
            """;

    @TempDir
    Path repo;

    private final GuardrailsEngine engine = new GuardrailsEngine(BuiltinRules.all(), List.of(new DirectoryRenderer()),
            new ManifestParser(), new AppDiscoverer());
    private final ScanOptions options = new ScanOptions(null, 2,
            Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC));

    private void write(String path, String content) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private List<Finding> denied() throws Exception {
        GuardrailsConfig config = new ConfigLoader(engine.ruleInfos().stream().map(RuleInfo::id)
                .collect(Collectors.toSet())).parse("mode: enforce", ".guardrails.yaml");
        ScanReport report = engine.scan(repo, "t", "", config, options);
        return report.findings().stream().filter(f -> f.ruleId().equals("admission-policy-denied")).toList();
    }

    @Test
    void aPolicyOfThePlatformAppDeniesAWorkloadOfAnotherApp() throws Exception {
        write("platform/policy.yaml", POLICY.formatted("on"));
        write("apps/web.yaml", DEPLOYMENT.formatted(10));

        assertThat(denied()).singleElement().satisfies(f -> {
            assertThat(f.app()).isEqualTo("apps");
            assertThat(f.object().name()).isEqualTo("web");
            assertThat(f.location().file()).isEqualTo("apps/web.yaml");
            assertThat(f.location().line()).isEqualTo(1);
            assertThat(f.message()).isEqualTo(
                    "ValidatingAdmissionPolicy \"replica-limit\" (binding \"replica-limit\", Deny): at most 5 replicas");
        });
    }

    @Test
    void theNamespaceObjectOfThePlatformAppDecidesTheNamespaceSelector() throws Exception {
        write("platform/policy.yaml", POLICY.formatted("off"));
        write("apps/web.yaml", DEPLOYMENT.formatted(10));
        assertThat(denied()).isEmpty();
    }

    @Test
    void aCompliantWorkloadOrNoPolicyGivesNoFinding() throws Exception {
        write("apps/web.yaml", DEPLOYMENT.formatted(10));
        assertThat(denied()).isEmpty();

        write("platform/policy.yaml", POLICY.formatted("on"));
        write("apps/web.yaml", DEPLOYMENT.formatted(3));
        assertThat(denied()).isEmpty();
    }
}
