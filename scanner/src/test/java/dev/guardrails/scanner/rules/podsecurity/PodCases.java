package dev.guardrails.scanner.rules.podsecurity;

import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.FieldPath;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.parse.ManifestParser;
import dev.guardrails.scanner.rule.Bundle;
import dev.guardrails.scanner.rule.KubeVersion;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleFixtures;
import dev.guardrails.scanner.rule.RuleSettings;
import dev.guardrails.scanner.rule.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Edge-case tables for pod rules: builds one workload from a kind and flow-map security contexts,
 * runs a rule, and names where each violation points ({@code pod}, {@code init}, {@code app},
 * {@code debug}, or the field path below the pod spec), so one table row reads the same for a
 * Pod, a Deployment or a CronJob.
 */
public final class PodCases {

    private PodCases() {
    }

    /**
     * A workload with an init container "migrate", a container "app" and an ephemeral container
     * "debug". Each security context is a YAML flow map such as {@code {runAsNonRoot: true}}, or
     * empty to leave it out; {@code podSpecExtra} is added to the pod spec as flow-map entries
     * such as {@code os: {name: windows}}. Null counts as empty, so blank table cells can be passed as they are.
     */
    public static String workload(String kind, String podSpecExtra, String podSc, String initSc, String appSc,
                                  String debugSc) {
        podSpecExtra = orEmpty(podSpecExtra);
        podSc = orEmpty(podSc);
        initSc = orEmpty(initSc);
        appSc = orEmpty(appSc);
        debugSc = orEmpty(debugSc);
        StringBuilder spec = new StringBuilder();
        if (!podSpecExtra.isEmpty()) {
            spec.append("{{i}}").append(podSpecExtra).append('\n');
        }
        if (!podSc.isEmpty()) {
            spec.append("{{i}}securityContext: ").append(podSc).append('\n');
        }
        spec.append("{{i}}initContainers:\n{{i}}  - name: migrate\n{{i}}    image: registry.example.com/migrate:1.0\n");
        if (!initSc.isEmpty()) {
            spec.append("{{i}}    securityContext: ").append(initSc).append('\n');
        }
        spec.append("{{i}}containers:\n{{i}}  - name: app\n{{i}}    image: registry.example.com/app:1.0\n");
        if (!appSc.isEmpty()) {
            spec.append("{{i}}    securityContext: ").append(appSc).append('\n');
        }
        if (!debugSc.isEmpty()) {
            spec.append("{{i}}ephemeralContainers:\n{{i}}  - name: debug\n{{i}}    image: busybox:1.36\n");
            spec.append("{{i}}    securityContext: ").append(debugSc).append('\n');
        }
        String header;
        String indent;
        switch (kind) {
            case "Pod" -> {
                header = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: case\nspec:\n";
                indent = "  ";
            }
            case "Deployment" -> {
                header = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: case\nspec:\n"
                        + "  selector:\n    matchLabels: {app: case}\n  template:\n    metadata:\n"
                        + "      labels: {app: case}\n    spec:\n";
                indent = "      ";
            }
            case "CronJob" -> {
                header = "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: case\nspec:\n"
                        + "  schedule: \"0 3 * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n"
                        + "          restartPolicy: OnFailure\n";
                indent = "          ";
            }
            default -> throw new IllegalArgumentException(kind);
        }
        return header + spec.toString().replace("{{i}}", indent);
    }

    /** Where the rule's violations point, as sorted space-separated tokens; empty when it passes. */
    public static String run(Rule rule, String yaml) {
        return run(rule, yaml, RuleFixtures.SETTINGS.kubeVersion());
    }

    /** As {@link #run(Rule, String)}, against another cluster version. */
    public static String run(Rule rule, String yaml, KubeVersion version) {
        TreeSet<String> tokens = new TreeSet<>();
        for (Placed placed : violations(rule, yaml, version)) {
            tokens.add(placed.token());
        }
        return String.join(" ", tokens);
    }

    /** A violation with the object it was found in and a short name for where it points. */
    public record Placed(ManifestObject object, Violation violation, String token) {
    }

    /** Runs a rule over every object of a YAML stream, all objects forming the bundle. */
    public static List<Placed> violations(Rule rule, String yaml, KubeVersion version) {
        List<ManifestObject> objects;
        try {
            objects = new ManifestParser().parse(yaml, "case.yaml");
        } catch (Exception e) {
            throw new AssertionError("case does not parse: " + e.getMessage() + "\n" + yaml, e);
        }
        RuleSettings base = RuleFixtures.SETTINGS;
        RuleSettings settings = new RuleSettings(base.allowedRegistries(), base.requiredLabels(), version,
                base.maxHpaReplicas());
        RuleContext context = new RuleContext(new Bundle(objects, "default"), settings);
        List<Placed> out = new ArrayList<>();
        for (ManifestObject object : objects) {
            for (Violation v : rule.check(object, context)) {
                out.add(new Placed(object, v, token(object, v.path())));
            }
        }
        return out;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text.strip();
    }

    private static String token(ManifestObject object, String path) {
        PodTemplate pod = PodTemplate.of(object).orElse(null);
        if (pod == null) {
            return path;
        }
        String[][] names = {
                {pod.field("securityContext"), "pod"},
                {FieldPath.index(pod.field("initContainers"), 0), "init"},
                {FieldPath.index(pod.field("containers"), 0), "app"},
                {FieldPath.index(pod.field("ephemeralContainers"), 0), "debug"},
                {pod.metadataPath(), "meta"},
        };
        for (String[] name : names) {
            if (path.equals(name[0]) || path.startsWith(name[0] + ".") || path.startsWith(name[0] + "[")) {
                return name[1];
            }
        }
        return path.startsWith(pod.specPath() + ".") ? path.substring(pod.specPath().length() + 1) : path;
    }
}
