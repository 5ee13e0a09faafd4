package dev.guardrails.scanner.hardening;

import dev.guardrails.scanner.config.ConfigLoader;
import dev.guardrails.scanner.config.GuardrailsConfig;
import dev.guardrails.scanner.discovery.AppDiscoverer;
import dev.guardrails.scanner.engine.GuardrailsEngine;
import dev.guardrails.scanner.engine.ScanOptions;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.ScanReport;
import dev.guardrails.scanner.parse.ManifestParser;
import dev.guardrails.scanner.render.DirectoryRenderer;
import dev.guardrails.scanner.render.HelmRenderer;
import dev.guardrails.scanner.render.KustomizeRenderer;
import dev.guardrails.scanner.render.RenderLimits;
import dev.guardrails.scanner.render.ToolLocator;
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

/** A scratch repo on disk plus the real engine (real helm, kubectl kustomize, parser and rules). */
final class HardeningRepo {

    static final String GOOD_POD = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: good
              namespace: team
            spec:
              containers:
                - name: c
                  image: nginx:latest
            """;

    final Path root;
    final GuardrailsEngine engine;
    final ScanOptions options = new ScanOptions(null, 2, Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC));

    HardeningRepo(Path root) {
        this(root, RenderLimits.defaults());
    }

    HardeningRepo(Path root, RenderLimits limits) {
        this.root = root;
        ToolLocator tools = new ToolLocator();
        this.engine = new GuardrailsEngine(BuiltinRules.all(),
                List.of(new HelmRenderer(tools, limits), new KustomizeRenderer(tools, limits), new DirectoryRenderer()),
                new ManifestParser(), new AppDiscoverer());
    }

    Path write(String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    GuardrailsConfig policy(String yaml) throws Exception {
        return new ConfigLoader(engine.ruleInfos().stream().map(RuleInfo::id).collect(Collectors.toSet()))
                .parse(yaml, ".guardrails.yaml");
    }

    ScanReport scan() throws Exception {
        return engine.scan(root, "hardening", "", policy("mode: enforce"), options);
    }

    static List<Finding> findings(ScanReport report, String app, String rule) {
        return report.findings().stream().filter(f -> f.app().equals(app) && f.ruleId().equals(rule)).toList();
    }

    static Finding only(ScanReport report, String app, String rule) {
        List<Finding> found = findings(report, app, rule);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + rule + " finding for " + app + ", got " + found
                    + "; all findings: " + report.findings());
        }
        return found.get(0);
    }
}
