package dev.guardrails.scanner.report;

import dev.guardrails.scanner.model.AppReport;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.Exemption;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.ObjectRef;
import dev.guardrails.scanner.model.ObjectSelector;
import dev.guardrails.scanner.model.PodSecurityLevel;
import dev.guardrails.scanner.model.ScanReport;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.model.SourceSpan;
import dev.guardrails.scanner.rule.RuleInfo;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A small hand-built scan shared by the reporter tests: three apps (one with findings in every
 * mode and one exemption, one whose render failed, one clean).
 */
final class ReportSamples {

    static final Instant STARTED = Instant.parse("2025-03-01T09:30:00Z");
    static final String REVISION = "4f2c9a1e8b7d6c5f4e3d2c1b0a9f8e7d6c5b4a39";

    static final RuleInfo LATEST_TAG = RuleInfo.of("latest-tag", "Image has no tag or uses latest", Category.IMAGES,
            Severity.HIGH, "An untagged image changes under the same manifest.",
            "Set an explicit version tag or pin the image by digest.");
    static final RuleInfo RUN_AS_NON_ROOT = new RuleInfo("run-as-non-root", "Container may run as root",
            Category.POD_SECURITY, Severity.HIGH, PodSecurityLevel.RESTRICTED,
            "A root process that escapes the container is root on the node.",
            "Set securityContext.runAsNonRoot: true and a non-zero runAsUser.");
    static final RuleInfo MISSING_PROBES = RuleInfo.of("missing-probes", "Container has no readiness probe",
            Category.PROBES, Severity.MEDIUM, "Traffic reaches pods before they are ready.",
            "Add a readinessProbe that checks the serving port.");
    static final RuleInfo RESOURCE_LIMITS = RuleInfo.of("resource-limits", "Container has no memory limit",
            Category.RESOURCES, Severity.LOW, "One pod can starve its neighbours.",
            "Set resources.limits.memory.");
    static final RuleInfo RENDER_FAILED = RuleInfo.of("render-failed", "App failed to render", Category.PLATFORM,
            Severity.CRITICAL, "Nothing in an app that does not render can be checked.",
            "Run the renderer locally and fix the error it prints.");

    static final List<RuleInfo> RULES = List.of(LATEST_TAG, RUN_AS_NON_ROOT, MISSING_PROBES, RESOURCE_LIMITS, RENDER_FAILED);

    static final ObjectRef WEB = new ObjectRef("apps/v1", "Deployment", "shop", "web");
    static final ObjectRef WORKER = new ObjectRef("apps/v1", "Deployment", "shop", "worker");

    static final Exemption WORKER_EXEMPTION = new Exemption("latest-tag",
            new ObjectSelector("apps/shop", "Deployment", "shop", "worker"), "team-shop",
            "Upstream publishes no tags (SHOP-42)", LocalDate.of(2025, 6, 30), ".guardrails.yaml:7");

    private ReportSamples() {
    }

    static Finding finding(RuleInfo rule, Mode mode, String app, ObjectRef object, String file, int line,
                           String path, String message) {
        return new Finding(rule.id(), rule.title(), rule.category(), rule.severity(), mode, app, object,
                new SourceSpan(file, line, 0), path, message, rule.remediation(), null);
    }

    static List<AppReport> apps() {
        return List.of(
                new AppReport("apps/shop", "apps/shop", "kustomize", 5, 420, null),
                new AppReport("apps/payments", "apps/payments", "helm", 0, 1300,
                        "helm template failed: exit status 1\nError: values.yaml: line 4: mapping values are not allowed"),
                new AppReport("apps/docs", "apps/docs", "directory", 3, 15, null));
    }

    static List<Finding> findings() {
        return List.of(
                finding(LATEST_TAG, Mode.ENFORCE, "apps/shop", WEB, "apps/shop/deployment.yaml", 21,
                        "spec.template.spec.containers[0].image", "container \"web\" image 'nginx:latest' uses the latest tag"),
                finding(RUN_AS_NON_ROOT, Mode.WARN, "apps/shop", WEB, "apps/shop/deployment.yaml", 18,
                        "spec.template.spec.securityContext", "pod may run containers as root"),
                finding(MISSING_PROBES, Mode.AUDIT, "apps/shop", WEB, "apps/shop/deployment.yaml", 19,
                        "spec.template.spec.containers[0]", "container \"web\" has no readinessProbe"),
                finding(RESOURCE_LIMITS, Mode.WARN, "apps/shop", WORKER, "apps/shop/worker.yaml", 12,
                        "spec.template.spec.containers[0].resources", "container \"worker\" has no memory limit"),
                finding(LATEST_TAG, Mode.ENFORCE, "apps/shop", WORKER, "apps/shop/worker.yaml", 15,
                        "spec.template.spec.containers[0].image", "container \"worker\" image 'acme/worker' has no tag")
                        .withExemption(WORKER_EXEMPTION),
                finding(RENDER_FAILED, Mode.ENFORCE, "apps/payments", new ObjectRef(null, null, null, null),
                        "apps/payments", 0, "", "helm template failed: exit status 1"));
    }

    /** The shared sample: 3 apps, 8 objects, 5 active findings (2 enforce, 2 warn, 1 audit), 1 exempted. */
    static ScanReport sample() {
        return new ScanReport("https://git.example.com/acme/deploy.git", REVISION, STARTED, 1234, apps(), findings(), RULES);
    }

    /** A scan where nothing is active: one exempted finding only. */
    static ScanReport clean() {
        List<Finding> exemptedOnly = findings().stream().filter(Finding::exempted).toList();
        return new ScanReport("/repos/acme", "", STARTED, 10,
                List.of(new AppReport("apps/shop", "apps/shop", "kustomize", 5, 420, null),
                        new AppReport("apps/docs", "apps/docs", "directory", 3, 15, null)),
                exemptedOnly, RULES);
    }

    static ScanReport withFindings(List<Finding> findings) {
        return new ScanReport("/repos/acme", "", STARTED, 10,
                List.of(new AppReport("apps/shop", "apps/shop", "kustomize", 5, 420, null)), findings, RULES);
    }

    static String render(Reporter reporter, ScanReport report) {
        StringWriter out = new StringWriter();
        try {
            reporter.write(report, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
