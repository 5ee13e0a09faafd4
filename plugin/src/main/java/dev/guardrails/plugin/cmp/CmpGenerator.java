package dev.guardrails.plugin.cmp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guardrails.argocd.cmp.CmpContractException;
import dev.guardrails.argocd.cmp.CmpEnvironment;
import dev.guardrails.argocd.cmp.CmpWorkspace;
import dev.guardrails.argocd.cmp.PluginSettings;
import dev.guardrails.plugin.engine.Engines;
import dev.guardrails.scanner.config.ConfigException;
import dev.guardrails.scanner.config.ConfigLoader;
import dev.guardrails.scanner.config.GuardrailsConfig;
import dev.guardrails.scanner.config.PolicyResolver;
import dev.guardrails.scanner.config.ProfileConfig;
import dev.guardrails.scanner.engine.AppResult;
import dev.guardrails.scanner.engine.AppTarget;
import dev.guardrails.scanner.engine.GuardrailsEngine;
import dev.guardrails.scanner.engine.PlatformRules;
import dev.guardrails.scanner.engine.ScanOptions;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.ObjectRef;
import dev.guardrails.scanner.rule.Bundle;
import dev.guardrails.scanner.render.DirectoryOptions;
import dev.guardrails.scanner.render.HelmOptions;
import dev.guardrails.scanner.render.HelmParameter;
import dev.guardrails.scanner.render.KustomizeOptions;
import dev.guardrails.scanner.render.RenderRequest;
import dev.guardrails.scanner.render.SourceType;
import dev.guardrails.scanner.rule.KubeVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Argo CD's generate step for one app: read the CMP environment, render the app in the work dir
 * Argo CD extracted, check it against the repo's {@code .guardrails.yaml}, and decide. Shared by
 * {@code guardrails cmp generate} and the server's {@code /api/v1/cmp/generate}, so both print the
 * same manifests and the same errors.
 *
 * <p>Plugin modes cap what the policy file says: {@code off} passes manifests through untouched,
 * {@code audit} only logs, {@code warn} annotates and never blocks, {@code enforce} (or no mode)
 * blocks on enforce-mode findings. A given mode is also the policy's default mode.
 */
public final class CmpGenerator {

    /** Annotation listing an object's findings in warn mode. */
    public static final String FINDINGS_ANNOTATION = "guardrails.dev/findings";
    static final int ANNOTATION_LIMIT = 1024;

    private final GuardrailsEngine engine;
    private final Clock clock;

    public CmpGenerator(GuardrailsEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    /**
     * Generates manifests for the app in {@code appDir}.
     *
     * @param appDir the app directory (Argo CD's working directory for generate)
     * @param env    the plugin's environment: {@code ARGOCD_APP_*}, {@code KUBE_*}, {@code ARGOCD_ENV_*}
     */
    public CmpOutcome generate(Path appDir, Map<String, String> env) {
        CmpEnvironment cmp;
        PluginSettings settings;
        CmpWorkspace workspace;
        try {
            cmp = CmpEnvironment.parse(env);
            settings = PluginSettings.from(cmp);
            workspace = CmpWorkspace.locate(appDir, cmp);
        } catch (CmpContractException e) {
            return CmpOutcome.failure(CmpOutcome.Status.INVALID, "guardrails: " + e.getMessage());
        }
        GuardrailsConfig config;
        RenderRequest request;
        String policyVersion;
        try {
            config = new ConfigLoader(Engines.ruleIds(engine)).loadFromRepo(workspace.repoRoot());
            config = applySettings(config, cmp, settings);
            request = request(workspace, cmp, settings, config);
            policyVersion = PolicyVersion.of(workspace.repoRoot(), engine.ruleInfos());
        } catch (ConfigException | CmpContractException e) {
            return CmpOutcome.failure(CmpOutcome.Status.INVALID, "guardrails: " + e.getMessage());
        } catch (IOException e) {
            return CmpOutcome.failure(CmpOutcome.Status.INVALID, "guardrails: cannot read the repository: " + e.getMessage());
        }
        String appName = request.appName();
        AppResult result = engine.evaluate(new AppTarget(appName, workspace.appPath(), request), config,
                new ScanOptions(settings.profile(), 1, clock));
        Redactor redactor = Redactor.of(result.objects(), settings.helmParameters());

        if (result.report().failed()) {
            return CmpOutcome.failure(CmpOutcome.Status.RENDER_FAILED,
                    redactor.apply("guardrails: cannot render app '" + appName + "': " + result.report().error()));
        }
        List<Finding> invalid = result.findings().stream()
                .filter(f -> f.ruleId().equals(PlatformRules.MANIFEST_INVALID.id())).toList();
        if (!invalid.isEmpty()) {
            StringBuilder sb = new StringBuilder("guardrails: rendered output of app '" + appName + "' is not valid Kubernetes YAML:");
            invalid.stream().limit(10).forEach(f -> sb.append("\n  ").append(f.location()).append(": ").append(f.message()));
            return CmpOutcome.failure(CmpOutcome.Status.RENDER_FAILED, redactor.apply(sb.toString()));
        }
        if (result.objects().isEmpty() && !settings.allowEmpty()) {
            return CmpOutcome.failure(CmpOutcome.Status.EMPTY, "guardrails: app '" + appName
                    + "' rendered no manifests; refusing to output no manifests: with auto-prune Argo CD would delete "
                    + "every resource of the app; set parameter allow-empty=true if intended");
        }

        Mode cap = settings.mode() == null ? Mode.ENFORCE : settings.mode();
        if (cap == Mode.OFF) {
            return new CmpOutcome(CmpOutcome.Status.OK, ManifestStream.write(raws(result.objects())),
                    "guardrails: mode off for app '" + appName + "': manifests passed through unchecked");
        }
        List<Finding> active = new ArrayList<>();
        for (Finding f : result.findings()) {
            if (settings.allowEmpty() && f.ruleId().equals(PlatformRules.APP_EMPTY.id())) {
                continue; // the app's own allow-empty=true parameter says an empty render is intended
            }
            if (!f.exempted()) {
                active.add(f.mode().compareTo(cap) > 0 ? f.withMode(cap) : f);
            }
        }
        List<Finding> blocking = active.stream().filter(Finding::blocking).toList();
        if (!blocking.isEmpty()) {
            String profile = new PolicyResolver(config)
                    .profileFor(appName, workspace.appPath(), settings.profile()).map(ProfileConfig::name).orElse(null);
            return CmpOutcome.failure(CmpOutcome.Status.BLOCKED,
                    redactor.apply(ViolationList.format(appName, profile, blocking)));
        }
        List<ObjectNode> out = annotate(result.objects(), active, policyVersion, redactor, request.namespace());
        long shown = active.stream().filter(f -> f.mode().compareTo(Mode.WARN) >= 0).count();
        List<String> unchecked = active.stream().filter(f -> PlatformRules.coverage(f.ruleId()))
                .map(f -> f.ruleId() + ": " + f.message()).toList();
        String summary = "guardrails: app '" + appName + "' " + result.objects().size() + " objects, "
                + active.size() + " findings (" + shown + " annotated), coverage: "
                + (unchecked.isEmpty() ? "rendered and checked" : "incomplete (" + redactor.apply(String.join("; ", unchecked)) + ")")
                + ", policy-version " + policyVersion;
        return new CmpOutcome(CmpOutcome.Status.OK, ManifestStream.write(out), summary);
    }

    private GuardrailsConfig applySettings(GuardrailsConfig config, CmpEnvironment cmp, PluginSettings settings)
            throws CmpContractException {
        GuardrailsConfig out = config;
        if (settings.mode() != null && settings.mode() != Mode.OFF) {
            out = out.withMode(settings.mode());
        }
        if (settings.profile() != null
                && out.profiles().stream().noneMatch(p -> p.name().equals(settings.profile()))) {
            throw new CmpContractException("profile '" + settings.profile() + "' is not defined in "
                    + ConfigLoader.FILE_NAME + " (defined: "
                    + String.join(", ", out.profiles().stream().map(ProfileConfig::name).toList()) + ")");
        }
        if (!cmp.kubeVersion().isBlank()) {
            try {
                out = out.withKubeVersion(KubeVersion.parse(cmp.kubeVersion()));
            } catch (IllegalArgumentException e) {
                throw new CmpContractException("KUBE_VERSION: " + e.getMessage());
            }
        }
        return out;
    }

    /** Detects the source type as Argo CD does and builds the render request. */
    static RenderRequest request(CmpWorkspace ws, CmpEnvironment cmp, PluginSettings settings, GuardrailsConfig config)
            throws CmpContractException {
        SourceType type = detect(ws.appDir());
        if (type != SourceType.HELM && (!settings.valuesFiles().isEmpty() || !settings.helmParameters().isEmpty()
                || settings.releaseName() != null)) {
            throw new CmpContractException("parameters values-files, helm-parameters and release-name apply to Helm "
                    + "charts only, but '" + ws.appPath() + "' is a " + type.id() + " app");
        }
        String appName = cmp.appName().isBlank() ? ws.appPath() : cmp.appName();
        String namespace = cmp.appNamespace().isBlank() ? config.namespace() : cmp.appNamespace();
        HelmOptions helm = null;
        if (type == SourceType.HELM) {
            String release = settings.releaseName() != null ? settings.releaseName()
                    : cmp.shortAppName().isBlank() ? "release" : cmp.shortAppName();
            List<HelmParameter> parameters = new ArrayList<>();
            settings.helmParameters().forEach((k, v) -> parameters.add(new HelmParameter(k, v, false)));
            helm = new HelmOptions(release, settings.valuesFiles(), null, parameters, List.of(), false, false, false,
                    false, cmp.kubeVersion().isBlank() ? null : cmp.kubeVersion(), cmp.kubeApiVersions());
        }
        return new RenderRequest(ws.repoRoot(), ws.appPath(), type, appName, namespace, helm,
                KustomizeOptions.defaults(), DirectoryOptions.defaults());
    }

    /** Argo CD's order: a kustomization wins over a chart (lexical walk), else plain directory. */
    static SourceType detect(Path appDir) {
        for (String name : List.of("kustomization.yaml", "kustomization.yml", "Kustomization")) {
            if (Files.isRegularFile(appDir.resolve(name))) {
                return SourceType.KUSTOMIZE;
            }
        }
        return Files.isRegularFile(appDir.resolve("Chart.yaml")) ? SourceType.HELM : SourceType.DIRECTORY;
    }

    private static List<ObjectNode> raws(List<ManifestObject> objects) {
        return objects.stream().map(ManifestObject::raw).toList();
    }

    /** Copies every object, adding the policy version and, where there are findings, their short list. */
    static List<ObjectNode> annotate(List<ManifestObject> objects, List<Finding> findings, String policyVersion,
                                     Redactor redactor) {
        return annotate(objects, findings, policyVersion, redactor, "");
    }

    /**
     * @param defaultNamespace the app's destination namespace: findings name an object by the
     *                         namespace it is deployed to, so objects without {@code metadata.namespace}
     *                         are matched under it (else their findings were counted but never annotated)
     */
    static List<ObjectNode> annotate(List<ManifestObject> objects, List<Finding> findings, String policyVersion,
                                     Redactor redactor, String defaultNamespace) {
        Bundle placement = new Bundle(objects, defaultNamespace);
        Map<ObjectRef, List<Finding>> byObject = new LinkedHashMap<>();
        for (Finding f : findings) {
            if (f.mode().compareTo(Mode.WARN) >= 0) {
                byObject.computeIfAbsent(f.object(), k -> new ArrayList<>()).add(f);
            }
        }
        List<ObjectNode> out = new ArrayList<>();
        for (ManifestObject o : objects) {
            ObjectNode copy = o.raw().deepCopy();
            JsonNode metadata = copy.get("metadata");
            ObjectNode meta = metadata instanceof ObjectNode m ? m : copy.putObject("metadata");
            JsonNode annotations = meta.get("annotations");
            ObjectNode ann = annotations instanceof ObjectNode a ? a : meta.putObject("annotations");
            List<Finding> own = Optional.ofNullable(byObject.get(placement.placedRef(o)))
                    .or(() -> Optional.ofNullable(byObject.get(o.ref()))).orElse(List.of());
            if (!own.isEmpty()) {
                ann.put(FINDINGS_ANNOTATION, redactor.apply(shortList(own)));
            }
            ann.put(PolicyVersion.ANNOTATION, policyVersion);
            out.add(copy);
        }
        return out;
    }

    /** {@code rule-id: message; ...}, cut at a finding boundary to stay under about 1 KB. */
    static String shortList(List<Finding> findings) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            String entry = f.ruleId() + ": " + f.message();
            String more = "; … and " + (findings.size() - i) + " more";
            if (sb.length() + (sb.isEmpty() ? 0 : 2) + entry.length() > ANNOTATION_LIMIT - more.length()) {
                if (sb.isEmpty()) {
                    sb.append(entry, 0, Math.max(0, ANNOTATION_LIMIT - more.length() - 1)).append('…');
                    if (findings.size() > 1) {
                        sb.append("; … and ").append(findings.size() - 1).append(" more");
                    }
                } else {
                    sb.append(more);
                }
                return sb.toString();
            }
            if (!sb.isEmpty()) {
                sb.append("; ");
            }
            sb.append(entry);
        }
        return sb.toString();
    }
}
