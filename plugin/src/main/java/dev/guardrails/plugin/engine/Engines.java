package dev.guardrails.plugin.engine;

import dev.guardrails.scanner.discovery.AppDiscoverer;
import dev.guardrails.scanner.engine.GuardrailsEngine;
import dev.guardrails.scanner.parse.ManifestParser;
import dev.guardrails.scanner.process.ProcessRunner;
import dev.guardrails.scanner.render.DirectoryRenderer;
import dev.guardrails.scanner.render.HelmRenderer;
import dev.guardrails.scanner.render.KustomizeRenderer;
import dev.guardrails.scanner.render.RenderLimits;
import dev.guardrails.scanner.render.Renderer;
import dev.guardrails.scanner.render.ToolLocator;
import dev.guardrails.scanner.render.cache.CachingRenderer;
import dev.guardrails.scanner.render.cache.RenderCache;
import dev.guardrails.scanner.render.cache.ToolVersions;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rules.BuiltinRules;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Builds the engine with the built-in rules and the real helm/kustomize renderers. */
public final class Engines {

    private Engines() {
    }

    public static GuardrailsEngine create() {
        ToolLocator tools = new ToolLocator();
        RenderLimits limits = RenderLimits.defaults();
        return new GuardrailsEngine(BuiltinRules.all(),
                List.of(new HelmRenderer(tools, limits), new KustomizeRenderer(tools, limits), new DirectoryRenderer()),
                new ManifestParser(), new AppDiscoverer());
    }

    /**
     * The same engine with every renderer behind a disk cache, so re-auditing unchanged apps skips
     * helm and kustomize.
     */
    public static GuardrailsEngine create(RenderCache cache) {
        ToolLocator tools = new ToolLocator();
        RenderLimits limits = RenderLimits.defaults();
        List<Renderer> renderers = CachingRenderer.wrapAll(
                List.of(new HelmRenderer(tools, limits), new KustomizeRenderer(tools, limits), new DirectoryRenderer()),
                cache, new ToolVersions(tools, new ProcessRunner()));
        return new GuardrailsEngine(BuiltinRules.all(), renderers, new ManifestParser(), new AppDiscoverer());
    }

    /** Ids a policy file may name: every rule the engine reports on. */
    public static Set<String> ruleIds(GuardrailsEngine engine) {
        return engine.ruleInfos().stream().map(RuleInfo::id).collect(Collectors.toUnmodifiableSet());
    }
}
