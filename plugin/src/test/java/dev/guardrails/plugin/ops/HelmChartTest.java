package dev.guardrails.plugin.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.plugin.engine.Engines;
import dev.guardrails.scanner.config.ConfigLoader;
import dev.guardrails.scanner.config.GuardrailsConfig;
import dev.guardrails.scanner.engine.AppTarget;
import dev.guardrails.scanner.engine.GuardrailsEngine;
import dev.guardrails.scanner.engine.ScanOptions;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.ScanReport;
import dev.guardrails.scanner.render.HelmOptions;
import dev.guardrails.scanner.render.HelmParameter;
import dev.guardrails.scanner.render.HelmRenderer;
import dev.guardrails.scanner.render.RenderLimits;
import dev.guardrails.scanner.render.RenderOutput;
import dev.guardrails.scanner.render.RenderRequest;
import dev.guardrails.scanner.render.SourceType;
import dev.guardrails.scanner.render.ToolLocator;
import dev.guardrails.scanner.parse.ManifestParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Helm chart that deploys {@code guardrails serve} passes guardrails' own checks: rendered by
 * the real helm and scanned in enforce mode with every built-in rule.
 */
class HelmChartTest {

    private static final Path ROOT = Path.of(System.getProperty("guardrails.projectRoot", "..")).toAbsolutePath().normalize();
    private static final String CHART = "argocd-integration/charts/guardrails";
    private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

    /**
     * Every rule enforced. Two namespace-level rules are exempted, with reasons: LimitRange and
     * ResourceQuota belong to whoever owns the namespace, not to an application chart.
     */
    private static final String POLICY = """
            mode: enforce
            kubeVersion: "1.34"
            allowedRegistries: [ghcr.io/gitops-guardrails/]
            requiredLabels: [app.kubernetes.io/name, app.kubernetes.io/part-of]
            exemptions:
              - rule: limit-range-missing
                match: {app: guardrails}
                owner: platform
                reason: "Namespace LimitRange is provided by the platform team, not by application charts"
                expires: 2099-12-31
              - rule: resource-quota-missing
                match: {app: guardrails}
                owner: platform
                reason: "Namespace ResourceQuota is provided by the platform team, not by application charts"
                expires: 2099-12-31
            """;

    private final GuardrailsEngine engine = Engines.create();

    private static HelmOptions options(List<HelmParameter> extra) {
        List<HelmParameter> parameters = new ArrayList<>(List.of(new HelmParameter("image.digest", DIGEST, true),
                new HelmParameter("existingSecret", "guardrails-secrets", true)));
        parameters.addAll(extra);
        return new HelmOptions("guardrails", List.of(), null, parameters, List.of(), false, false, false, false,
                "1.34.0", List.of("monitoring.coreos.com/v1"));
    }

    private ScanReport scan(HelmOptions helm) throws Exception {
        assertThat(ROOT.resolve(CHART).resolve("Chart.yaml")).exists();
        GuardrailsConfig config = new ConfigLoader(Engines.ruleIds(engine)).parse(POLICY, ".guardrails.yaml");
        AppTarget app = new AppTarget("guardrails", CHART,
                new RenderRequest(ROOT, CHART, SourceType.HELM, "guardrails", "guardrails", helm, null, null));
        return engine.scan(List.of(app), "chart", "", config,
                new ScanOptions(null, 1, Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"defaults", "autoscaling", "serviceMonitor"})
    void theChartPassesEveryBuiltInRuleInEnforceMode(String variant) throws Exception {
        List<HelmParameter> extra = switch (variant) {
            case "autoscaling" -> List.of(new HelmParameter("autoscaling.enabled", "true", false));
            case "serviceMonitor" -> List.of(new HelmParameter("serviceMonitor.enabled", "true", false),
                    new HelmParameter("githubAppKeySecret", "guardrails-github-app", true));
            default -> List.of();
        };
        ScanReport report = scan(options(extra));

        assertThat(report.apps()).singleElement().satisfies(a -> {
            assertThat(a.error()).isNull();
            assertThat(a.objectCount()).isGreaterThanOrEqualTo(7);
        });
        // schema-not-validated is a coverage note (the ServiceMonitor's CRD comes with the Prometheus
        // Operator, not this chart), not a violation of the chart.
        List<Finding> findings = report.findings().stream()
                .filter(f -> !(variant.equals("serviceMonitor") && f.ruleId().equals("schema-not-validated")))
                .toList();
        assertThat(findings).as("active findings").allMatch(f -> !report.active().contains(f));
        assertThat(findings.stream().map(Finding::ruleId).collect(Collectors.toSet()))
                .as("only the documented exemptions")
                .isSubsetOf("limit-range-missing", "resource-quota-missing");
        assertThat(findings).allMatch(Finding::exempted);
    }

    @Test
    void theScanWouldCatchAWeakenedChart() throws Exception {
        ScanReport report = scan(options(List.of(new HelmParameter("image.registry", "docker.io", true),
                new HelmParameter("securityContext.readOnlyRootFilesystem", "false", false),
                new HelmParameter("podDisruptionBudget.enabled", "false", false))));

        assertThat(report.active().stream().map(Finding::ruleId).collect(Collectors.toSet()))
                .contains("registry-not-allowed", "read-only-root-filesystem");
    }

    @Test
    void theDeploymentIsHardenedAsDocumented() throws Exception {
        RenderOutput output = new HelmRenderer(new ToolLocator(), RenderLimits.defaults()).render(
                new RenderRequest(ROOT, CHART, SourceType.HELM, "guardrails", "guardrails", options(List.of()), null, null));
        ManifestParser parser = new ManifestParser();
        List<ManifestObject> objects = new ArrayList<>();
        for (var file : output.files()) {
            objects.addAll(parser.parse(file.content(), file.path()));
        }
        ManifestObject deployment = objects.stream().filter(o -> o.kind().equals("Deployment")).findFirst().orElseThrow();
        var pod = deployment.raw().path("spec").path("template").path("spec");
        var container = pod.path("containers").path(0);

        assertThat(deployment.raw().path("spec").path("replicas").asInt()).isEqualTo(2);
        // The PR bot listens on the pod network, so it must never serve the CMP endpoint.
        assertThat(container.path("args").toString()).isEqualTo("[\"serve\",\"--host\",\"0.0.0.0\",\"--without-cmp\"]");
        ManifestObject config = objects.stream().filter(o -> o.kind().equals("ConfigMap")).findFirst().orElseThrow();
        assertThat(config.raw().path("data").path("GUARDRAILS_WEBHOOK_MAX_BODY_BYTES").asText()).isEqualTo("26214400");
        assertThat(config.raw().path("data").fieldNames()).toIterable().noneMatch(k -> k.startsWith("GUARDRAILS_CMP_"));
        assertThat(container.path("image").asText())
                .isEqualTo("ghcr.io/gitops-guardrails/guardrails:0.1.0@" + DIGEST);
        assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
        assertThat(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.path("securityContext").path("capabilities").path("drop").toString()).isEqualTo("[\"ALL\"]");
        assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
        assertThat(pod.path("securityContext").path("runAsUser").asInt()).isPositive();
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/health");
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/health");
        assertThat(container.path("volumeMounts").toString()).contains("\"/tmp\"");
        assertThat(container.path("envFrom").toString()).contains("guardrails-secrets");
        assertThat(pod.path("topologySpreadConstraints").size()).isPositive();
        assertThat(objects).extracting(ManifestObject::kind)
                .contains("ServiceAccount", "Service", "PodDisruptionBudget", "NetworkPolicy", "ConfigMap")
                .doesNotContain("Secret");
        ManifestObject sa = objects.stream().filter(o -> o.kind().equals("ServiceAccount")).findFirst().orElseThrow();
        assertThat(sa.raw().path("automountServiceAccountToken").asBoolean(true)).isFalse();
        assertThat(Files.readString(ROOT.resolve(CHART).resolve("values.yaml"))).doesNotContain("webhookSecret:");
    }
}
