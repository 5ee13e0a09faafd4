package dev.guardrails.scanner.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.parse.ManifestParseException;
import dev.guardrails.scanner.parse.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads what a kustomization refers to, without running kustomize: the other kustomizations and
 * manifests it pulls in, the files it loads, and the helm charts it inflates. The render layer uses
 * it to keep kustomize inside the repo and offline; discovery uses it to tell bases from apps.
 */
public final class KustomizationFile {

    /** File names kustomize accepts, in its own lookup order. */
    public static final List<String> NAMES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

    private static final Pattern SCHEME = Pattern.compile("^(?:[a-zA-Z][a-zA-Z0-9+.-]*://|git@|git::|ssh:|file:).*");
    private static final Pattern HOST_LIKE = Pattern.compile("^[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}(?::\\d+)?/.*");

    private KustomizationFile() {
    }

    /** What a reference is used for. */
    public enum Kind {
        /** {@code resources}, {@code bases}, {@code components}, generator/transformer entries: a file or a kustomization dir. */
        TREE,
        /** A file loaded by a field: patches, generator inputs, crds, configurations, openapi, helm values. */
        FILE,
        /** A {@code helmCharts} (or {@code helmChartInflationGenerator}) entry; the value is the chart name. */
        HELM_CHART,
        /** The {@code repo} of a helm chart entry: fetched from the network by kustomize. */
        HELM_REPO
    }

    /**
     * One reference found in a kustomization.
     *
     * @param kind  how kustomize uses it
     * @param field the kustomization field it came from, for messages
     * @param value the path, URL or chart name as written
     */
    public record Ref(Kind kind, String field, String value) {
    }

    /** The kustomization file in {@code dir}, if any. */
    public static Optional<Path> find(Path dir) {
        for (String name : NAMES) {
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    /** True for values that name a remote location however they are resolved: URLs, {@code git@...}. */
    public static boolean hasRemoteScheme(String value) {
        return SCHEME.matcher(value).matches();
    }

    /**
     * True for values kustomize would fetch when no local path of that name exists:
     * {@code github.com/org/repo/dir?ref=v1} and the like.
     */
    public static boolean looksRemote(String value) {
        return hasRemoteScheme(value) || HOST_LIKE.matcher(value).matches() || value.contains("?ref=")
                || value.contains("?version=");
    }

    /**
     * Every reference in the kustomization file, in file order, read from the same resolved document
     * kustomize sees (aliases and merge keys expanded), so a reference cannot hide behind an alias.
     */
    public static List<Ref> read(Path file) throws IOException {
        JsonNode root;
        try {
            root = new YamlReader().readTree(file, file.getFileName().toString());
        } catch (ManifestParseException e) {
            throw new IOException(e.getMessage(), e);
        }
        List<Ref> refs = new ArrayList<>();
        if (root == null || !root.isObject()) {
            return refs;
        }
        for (String field : List.of("resources", "bases", "components")) {
            strings(root.get(field)).forEach(v -> refs.add(new Ref(Kind.TREE, field, v)));
        }
        for (String field : List.of("generators", "transformers", "validators")) {
            // Inline plugin configs (multi-line strings) are not paths.
            strings(root.get(field)).stream().filter(v -> !v.contains("\n"))
                    .forEach(v -> refs.add(new Ref(Kind.TREE, field, v)));
        }
        for (String field : List.of("crds", "configurations")) {
            strings(root.get(field)).forEach(v -> refs.add(new Ref(Kind.FILE, field, v)));
        }
        strings(root.get("patchesStrategicMerge")).stream().filter(v -> !v.contains("\n"))
                .forEach(v -> refs.add(new Ref(Kind.FILE, "patchesStrategicMerge", v)));
        for (String field : List.of("patches", "patchesJson6902", "replacements")) {
            for (JsonNode entry : elements(root.get(field))) {
                text(entry.get("path")).ifPresent(v -> refs.add(new Ref(Kind.FILE, field, v)));
            }
        }
        text(root.path("openapi").get("path")).ifPresent(v -> refs.add(new Ref(Kind.FILE, "openapi", v)));
        for (String field : List.of("configMapGenerator", "secretGenerator")) {
            for (JsonNode generator : elements(root.get(field))) {
                for (String entry : strings(generator.get("files"))) {
                    int eq = entry.indexOf('=');
                    refs.add(new Ref(Kind.FILE, field + ".files", eq >= 0 ? entry.substring(eq + 1) : entry));
                }
                strings(generator.get("envs")).forEach(v -> refs.add(new Ref(Kind.FILE, field + ".envs", v)));
                text(generator.get("env")).ifPresent(v -> refs.add(new Ref(Kind.FILE, field + ".env", v)));
            }
        }
        JsonNode globals = root.get("helmGlobals");
        if (globals != null) {
            text(globals.get("chartHome")).ifPresent(v -> refs.add(new Ref(Kind.FILE, "helmGlobals.chartHome", v)));
            text(globals.get("configHome")).ifPresent(v -> refs.add(new Ref(Kind.FILE, "helmGlobals.configHome", v)));
        }
        for (String field : List.of("helmCharts", "helmChartInflationGenerator")) {
            for (JsonNode chart : elements(root.get(field))) {
                String name = chart.path(field.equals("helmCharts") ? "name" : "chartName").asText("");
                refs.add(new Ref(Kind.HELM_CHART, field, name));
                text(chart.get(field.equals("helmCharts") ? "repo" : "chartRepoUrl"))
                        .ifPresent(v -> refs.add(new Ref(Kind.HELM_REPO, field, v)));
                text(chart.get("valuesFile")).ifPresent(v -> refs.add(new Ref(Kind.FILE, field + ".valuesFile", v)));
                strings(chart.get("additionalValuesFiles"))
                        .forEach(v -> refs.add(new Ref(Kind.FILE, field + ".additionalValuesFiles", v)));
            }
        }
        return refs;
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        for (JsonNode entry : elements(node)) {
            if (entry.isTextual() && !entry.asText().isBlank()) {
                values.add(entry.asText().strip());
            }
        }
        return values;
    }

    private static List<JsonNode> elements(JsonNode node) {
        List<JsonNode> list = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(list::add);
        }
        return list;
    }

    private static Optional<String> text(JsonNode node) {
        return node != null && node.isTextual() && !node.asText().isBlank()
                ? Optional.of(node.asText().strip()) : Optional.empty();
    }
}
