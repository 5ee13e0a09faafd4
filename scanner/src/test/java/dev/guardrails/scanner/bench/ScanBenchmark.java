package dev.guardrails.scanner.bench;

import dev.guardrails.scanner.config.GuardrailsConfig;
import dev.guardrails.scanner.discovery.AppDiscoverer;
import dev.guardrails.scanner.engine.AppTarget;
import dev.guardrails.scanner.engine.Checker;
import dev.guardrails.scanner.engine.GuardrailsEngine;
import dev.guardrails.scanner.engine.ScanOptions;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.parse.ManifestParser;
import dev.guardrails.scanner.render.DirectoryRenderer;
import dev.guardrails.scanner.render.HelmRenderer;
import dev.guardrails.scanner.render.KustomizeRenderer;
import dev.guardrails.scanner.render.RenderOutput;
import dev.guardrails.scanner.render.RenderedFile;
import dev.guardrails.scanner.render.Renderer;
import dev.guardrails.scanner.render.SourceType;
import dev.guardrails.scanner.rule.Bundle;
import dev.guardrails.scanner.rules.BuiltinRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark, not a test: generates a GitOps repo of plain, Kustomize and Helm apps, renders it once
 * with the real tools, then measures parse+check throughput over the rendered output and compares
 * it with the render time. Run with {@code bench/scan/run.sh}.
 */
public final class ScanBenchmark {

    public static void main(String[] args) throws Exception {
        int apps = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path repo = Files.createTempDirectory("guardrails-bench-");
        BenchRepo.generate(repo, apps);

        GuardrailsConfig config = GuardrailsConfig.defaults();
        Map<SourceType, Renderer> renderers = new EnumMap<>(SourceType.class);
        for (Renderer r : List.of(new HelmRenderer(), new KustomizeRenderer(), new DirectoryRenderer())) {
            renderers.put(r.type(), r);
        }
        GuardrailsEngine engine = new GuardrailsEngine(BuiltinRules.all(), List.copyOf(renderers.values()),
                new ManifestParser(), new AppDiscoverer());
        List<AppTarget> targets = engine.discover(repo, config);

        // 1. Render every app once with the real binaries (wall time of the tool processes).
        long renderStart = System.nanoTime();
        List<RenderOutput> outputs = new ArrayList<>();
        for (AppTarget t : targets) {
            outputs.add(renderers.get(t.request().type()).render(t.request()));
        }
        double renderMs = (System.nanoTime() - renderStart) / 1e6;
        long bytes = 0;
        for (RenderOutput o : outputs) {
            for (RenderedFile f : o.files()) {
                bytes += f.content().getBytes(StandardCharsets.UTF_8).length;
            }
        }

        // 2. Parse + check the rendered output repeatedly (the guardrails' own overhead).
        ManifestParser parser = new ManifestParser();
        Checker checker = new Checker(BuiltinRules.all());
        double[] parseMs = new double[iterations];
        double[] checkMs = new double[iterations];
        int objects = 0;
        int findings = 0;
        for (int i = -3; i < iterations; i++) { // three warm-up rounds
            long p0 = System.nanoTime();
            List<List<ManifestObject>> parsed = new ArrayList<>();
            for (RenderOutput o : outputs) {
                List<ManifestObject> app = new ArrayList<>();
                for (RenderedFile f : o.files()) {
                    app.addAll(parser.parse(f.content(), f.path()));
                }
                parsed.add(app);
            }
            long p1 = System.nanoTime();
            int found = 0;
            for (int a = 0; a < parsed.size(); a++) {
                Bundle bundle = new Bundle(parsed.get(a), "default");
                found += checker.check(targets.get(a).name(), bundle, config.settings(), r -> config.mode(),
                        List.of(), LocalDate.now()).size();
            }
            long p2 = System.nanoTime();
            if (i >= 0) {
                parseMs[i] = (p1 - p0) / 1e6;
                checkMs[i] = (p2 - p1) / 1e6;
            }
            objects = parsed.stream().mapToInt(List::size).sum();
            findings = found;
        }
        // 3. One full engine scan end to end (render + parse + check, parallel over apps).
        long s0 = System.nanoTime();
        engine.scan(targets, repo.toString(), "", config, ScanOptions.defaults());
        double scanMs = (System.nanoTime() - s0) / 1e6;

        double parse = median(parseMs);
        double check = median(checkMs);
        double overhead = parse + check;
        System.out.printf("apps=%d objects=%d renderedBytes=%d findings=%d iterations=%d%n",
                targets.size(), objects, bytes, findings, iterations);
        System.out.printf("render (real helm/kustomize, sequential): %.0f ms%n", renderMs);
        System.out.printf("parse median: %.1f ms  check median: %.1f ms  parse+check: %.1f ms%n", parse, check, overhead);
        System.out.printf("parse+check throughput: %.0f objects/s, %.1f MB/s%n",
                objects / (overhead / 1000), bytes / 1e6 / (overhead / 1000));
        System.out.printf("ratio parse+check / render: %.3f%n", overhead / renderMs);
        System.out.printf("full engine scan (parallel render + parse + check): %.0f ms%n", scanMs);
        deleteTree(repo);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
