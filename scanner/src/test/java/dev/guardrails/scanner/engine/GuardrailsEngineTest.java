package dev.guardrails.scanner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.config.ConfigLoader;
import dev.guardrails.scanner.config.GuardrailsConfig;
import dev.guardrails.scanner.discovery.AppDiscoverer;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.ScanReport;
import dev.guardrails.scanner.parse.ManifestParser;
import dev.guardrails.scanner.render.DirectoryRenderer;
import dev.guardrails.scanner.render.HelmRenderer;
import dev.guardrails.scanner.render.KustomizeRenderer;
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

/** The pipeline on small real repos, with the real renderers. */
class GuardrailsEngineTest {

    private static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: %s
              namespace: team
            spec:
              containers:
                - name: c
                  image: nginx:latest
            """;

    @TempDir
    Path repo;

    private final GuardrailsEngine engine = new GuardrailsEngine(BuiltinRules.all(),
            List.of(new HelmRenderer(), new KustomizeRenderer(), new DirectoryRenderer()),
            new ManifestParser(), new AppDiscoverer());
    private final ScanOptions options = new ScanOptions(null, 2,
            Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC));

    private GuardrailsConfig policy(String yaml) throws Exception {
        return new ConfigLoader(engine.ruleInfos().stream().map(RuleInfo::id).collect(Collectors.toSet()))
                .parse(yaml, ".guardrails.yaml");
    }

    private void write(String path, String content) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static List<String> ids(ScanReport report, String app) {
        return report.findings().stream().filter(f -> f.app().equals(app)).map(Finding::ruleId).distinct().toList();
    }

    @Test
    void aBrokenFileIsAFindingAndTheRestOfTheAppIsStillChecked() throws Exception {
        write("app/good.yaml", POD.formatted("p1"));
        write("app/broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n");
        ScanReport report = engine.scan(repo, "t", "", policy("mode: enforce"), options);
        Finding invalid = report.findings().stream().filter(f -> f.ruleId().equals("manifest-invalid")).findFirst().orElseThrow();
        assertThat(invalid.location().file()).isEqualTo("app/broken.yaml");
        assertThat(invalid.location().line()).isPositive();
        assertThat(invalid.message()).contains("malformed YAML");
        assertThat(ids(report, "app")).contains("latest-tag");
        assertThat(report.blocking()).isNotEmpty();
    }

    @Test
    void aFailedHelmRenderIsAFindingWithTheToolsErrorNotACrash() throws Exception {
        write("chart/Chart.yaml", "apiVersion: v2\nname: broken\nversion: 0.1.0\n");
        write("chart/templates/x.yaml", "{{ .Values.missing.field }}\n");
        write("plain/pod.yaml", POD.formatted("p2"));
        ScanReport report = engine.scan(repo, "t", "", policy("mode: warn"), options);
        Finding failed = report.findings().stream().filter(f -> f.ruleId().equals("render-failed")).findFirst().orElseThrow();
        assertThat(failed.app()).isEqualTo("chart");
        assertThat(failed.mode()).isEqualTo(Mode.WARN);
        assertThat(failed.message()).contains("nil pointer").contains("helm");
        assertThat(report.apps()).anySatisfy(a -> assertThat(a.failed()).isTrue());
        assertThat(ids(report, "plain")).contains("latest-tag");
    }

    @Test
    void renderFailuresAreNeverSilent() throws Exception {
        write("chart/Chart.yaml", "apiVersion: v2\nname: broken\nversion: 0.1.0\n");
        write("chart/templates/x.yaml", "{{ fail \"no\" }}\n");
        ScanReport report = engine.scan(repo, "t", "", policy("rules: {render-failed: \"off\"}"), options);
        assertThat(report.findings()).anySatisfy(f -> {
            assertThat(f.ruleId()).isEqualTo("render-failed");
            assertThat(f.mode()).isEqualTo(Mode.AUDIT);
        });
    }

    @Test
    void exemptionsSuppressUntilTheyExpireAndExpiredOnesAreReported() throws Exception {
        write("a/pod.yaml", POD.formatted("web"));
        write("b/pod.yaml", POD.formatted("api"));
        ScanReport report = engine.scan(repo, "t", "", policy("""
                mode: enforce
                rules: {image-digest-missing: "off"}
                exemptions:
                  - {rule: latest-tag, match: {app: a}, owner: team-a, reason: migrating, expires: 2026-06-01}
                  - {rule: latest-tag, match: {app: b}, owner: team-b, reason: old, expires: 2026-05-31}
                """), options);
        Finding a = report.findings().stream().filter(f -> f.app().equals("a") && f.ruleId().equals("latest-tag")).findFirst().orElseThrow();
        Finding b = report.findings().stream().filter(f -> f.app().equals("b") && f.ruleId().equals("latest-tag")).findFirst().orElseThrow();
        assertThat(a.exempted()).isTrue();
        assertThat(a.blocking()).isFalse();
        assertThat(a.exemption().owner()).isEqualTo("team-a");
        assertThat(b.exempted()).isFalse();
        assertThat(b.blocking()).isTrue();
        assertThat(report.findings()).filteredOn(f -> f.ruleId().equals("exemption-expired")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("team-b").contains("2026-05-31"));
    }

    @Test
    void namespacePoliciesDeployedByAnotherAppCount() throws Exception {
        write("workloads/pod.yaml", POD.formatted("p"));
        write("platform/ns.yaml", """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: deny, namespace: team}
                spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
                """);
        ScanReport withPlatform = engine.scan(repo, "t", "", policy("mode: warn"), options);
        assertThat(ids(withPlatform, "workloads")).doesNotContain("network-policy-missing").contains("limit-range-missing");

        Files.delete(repo.resolve("platform/ns.yaml"));
        ScanReport without = engine.scan(repo, "t", "", policy("mode: warn"), options);
        assertThat(ids(without, "workloads")).contains("network-policy-missing");
    }

    @Test
    void rulesTurnedOffDoNotRunAndProfilesApplyPerPath() throws Exception {
        write("envs/prod/pod.yaml", POD.formatted("p"));
        write("envs/dev/pod.yaml", POD.formatted("d"));
        ScanReport report = engine.scan(repo, "t", "", policy("""
                mode: warn
                rules: {latest-tag: "off"}
                profiles:
                  - {name: prod, match: {paths: ["envs/prod"]}, mode: enforce}
                """), options);
        assertThat(report.findings()).noneMatch(f -> f.ruleId().equals("latest-tag"));
        // Rules with a default mode (bare-pod: audit) stay there unless configured by rule or category.
        java.util.Set<String> capped = new java.util.HashSet<>();
        dev.guardrails.scanner.rules.BuiltinRules.all().stream()
                .filter(r -> r.info().defaultMode() != null).forEach(r -> capped.add(r.id()));
        assertThat(report.findings()).filteredOn(f -> f.app().equals("envs/prod") && !capped.contains(f.ruleId()))
                .isNotEmpty().allMatch(f -> f.mode() == Mode.ENFORCE);
        assertThat(report.findings()).filteredOn(f -> f.app().equals("envs/dev") && !capped.contains(f.ruleId()))
                .isNotEmpty().allMatch(f -> f.mode() == Mode.WARN);
        assertThat(report.findings()).filteredOn(f -> capped.contains(f.ruleId()))
                .isNotEmpty().allMatch(f -> f.mode() == Mode.AUDIT);
    }

    @Test
    void kustomizeFindingsPointAtTheBaseFileLine() throws Exception {
        write("base/kustomization.yaml", "resources: [pod.yaml]\n");
        write("base/pod.yaml", POD.formatted("p"));
        write("overlay/kustomization.yaml", "resources: [../base]\nnamePrefix: prod-\n");
        ScanReport report = engine.scan(repo, "t", "", policy("mode: warn"), options);
        Finding latest = report.findings().stream().filter(f -> f.ruleId().equals("latest-tag")).findFirst().orElseThrow();
        assertThat(latest.app()).isEqualTo("overlay");
        assertThat(latest.object().name()).isEqualTo("prod-p");
        assertThat(latest.location().file()).isEqualTo("base/pod.yaml");
        assertThat(latest.location().line()).isEqualTo(9);
        // The origin annotation used for this is not part of the checked object.
        assertThat(report.findings()).noneMatch(f -> f.message().contains("config.kubernetes.io/origin"));
    }

    @Test
    void fieldsAddedByAnOverlayPatchPointAtThePatch() throws Exception {
        write("base/kustomization.yaml", "resources: [pod.yaml]\n");
        write("base/pod.yaml", POD.formatted("p"));
        write("overlay/kustomization.yaml", "resources: [../base]\npatches:\n  - path: sidecar.yaml\n");
        write("overlay/sidecar.yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p
                  namespace: team
                spec:
                  containers:
                    - name: debug
                      image: busybox:latest
                """);
        ScanReport report = engine.scan(repo, "t", "", policy("mode: warn"), options);
        List<Finding> latest = report.findings().stream().filter(f -> f.ruleId().equals("latest-tag")).toList();
        assertThat(latest).extracting(f -> f.location().toString())
                .containsExactlyInAnyOrder("base/pod.yaml:9", "overlay/sidecar.yaml:9");
    }

    @Test
    void environmentVariantsOfOneChartAreNotEachOthersNeighbours() throws Exception {
        write("chart/Chart.yaml", "apiVersion: v2\nname: web\nversion: 0.1.0\n");
        write("chart/values.yaml", "deny: false\n");
        write("chart/values-dev.yaml", "deny: false\n");
        write("chart/values-prod.yaml", "deny: true\n");
        write("chart/templates/pod.yaml", POD.formatted("web"));
        write("chart/templates/deny.yaml", """
                {{- if .Values.deny }}
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: deny, namespace: team}
                spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
                {{- end }}
                """);
        ScanReport report = engine.scan(repo, "t", "", policy("mode: warn"), options);
        assertThat(ids(report, "chart@prod")).doesNotContain("network-policy-missing");
        // The namespace gap of the default and dev variants is one finding, naming the other app.
        assertThat(report.findings()).filteredOn(f -> f.ruleId().equals("network-policy-missing")).singleElement()
                .satisfies(f -> {
                    assertThat(f.app()).isEqualTo("chart");
                    assertThat(f.message()).endsWith("(also deployed to by chart@dev)");
                });
    }
}
