package dev.guardrails.argocd.appset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Expands an Argo CD ApplicationSet into the Applications its controller would generate, without
 * a cluster, so that the guardrails can scan what an ApplicationSet deploys.
 *
 * <p>Offline: the {@code list}, {@code git} ({@code directories} and {@code files}, only for
 * repoURLs that {@code isThisRepo} accepts; the checkout stands in for the revision),
 * {@code matrix} (exactly two children, the second may use the first's params) and {@code merge}
 * generators, and the {@code selector} post-filter. Everything else becomes a problem, never an
 * exception: the clusters generator without a known cluster, the clusterDecisionResource,
 * scmProvider, pullRequest and plugin generators, git generators for other repositories, and Go
 * template constructs outside the supported subset (see {@link GoTemplate}). A {@code templatePatch}
 * (Go templates only, as in Argo CD) is rendered per param set and merged into the generated
 * Application: maps merge, lists and scalars are replaced, {@code null} removes a field, which is
 * what Kubernetes' strategic merge does on the Application type (none of its lists have merge keys).
 *
 * <p>Rendering follows Argo CD: fasttemplate {@code {{key}}} over flat params by default (unknown
 * keys stay as written), Go templates with {@code goTemplate: true} and {@code goTemplateOptions}
 * {@code missingkey=error}. Templates are rendered in string <em>values</em> of
 * {@code spec.template} only, never in map keys, and not inside {@code valuesObject}. A generator
 * that fails yields no Applications (Argo CD would refuse the whole set; scanning the rest is more
 * useful here); a param set that fails to render yields no Application. Each generated
 * Application gets the ApplicationSet's namespace, as the controller enforces.
 */
public final class ApplicationSetExpander {

    private static final com.fasterxml.jackson.databind.ObjectMapper YAML =
            new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());

    private final Path repoRoot;
    private final Predicate<String> isThisRepo;
    private final List<Cluster> clusters;

    /**
     * @param repoRoot the checked-out repository that git generators read
     * @param isThisRepo true for repoURLs that denote this checkout
     */
    public ApplicationSetExpander(Path repoRoot, Predicate<String> isThisRepo) {
        this(repoRoot, isThisRepo, List.of());
    }

    /** @param clusters the clusters the {@code clusters} generator expands to */
    public ApplicationSetExpander(Path repoRoot, Predicate<String> isThisRepo, List<Cluster> clusters) {
        this.repoRoot = Objects.requireNonNull(repoRoot, "repoRoot");
        this.isThisRepo = Objects.requireNonNull(isThisRepo, "isThisRepo");
        this.clusters = List.copyOf(clusters);
    }

    /** Expands one ApplicationSet manifest; never throws for content problems. */
    public Expansion expand(ObjectNode applicationSet) {
        List<ObjectNode> apps = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        JsonNode spec = applicationSet.path("spec");
        JsonNode template = spec.path("template");
        if (!template.isObject()) {
            problems.add("spec.template is missing; nothing to generate");
            return new Expansion(apps, problems);
        }
        boolean goTemplate = spec.path("goTemplate").asBoolean(false);
        boolean missingKeyError = false;
        for (JsonNode option : spec.path("goTemplateOptions")) {
            String o = option.asText();
            switch (o) {
                case "missingkey=error" -> missingKeyError = true;
                case "missingkey=default", "missingkey=invalid", "missingkey=zero" -> missingKeyError = false;
                default -> problems.add("spec.goTemplateOptions: option '" + o + "' is not supported offline; ignored");
            }
        }
        String templatePatch = spec.path("templatePatch").isTextual() && !spec.path("templatePatch").asText().isBlank()
                ? spec.path("templatePatch").asText() : null;
        if (templatePatch != null && !goTemplate) {
            problems.add("spec.templatePatch: Argo CD applies templatePatch only with goTemplate: true; ignored");
            templatePatch = null;
        }
        JsonNode generators = spec.path("generators");
        if (generators.size() == 0) {
            problems.add("spec.generators is empty; nothing to generate");
        }
        TemplateRenderer renderer = new TemplateRenderer(goTemplate, missingKeyError);
        ParamGenerators params = new ParamGenerators(new GitGenerator(repoRoot, isThisRepo),
                new ClusterGenerator(clusters, renderer), renderer);
        String namespace = applicationSet.path("metadata").path("namespace").asText("");
        Set<String> names = new HashSet<>();
        for (int i = 0; i < generators.size(); i++) {
            JsonNode generator = generators.get(i);
            Iterator<String> kinds = generator.fieldNames();
            while (kinds.hasNext()) {
                String kind = kinds.next();
                if (kind.equals("selector")) {
                    continue;
                }
                String where = "generators[" + i + "]." + kind;
                JsonNode generatorSpec = generator.get(kind);
                List<Map<String, Object>> paramSets;
                try {
                    paramSets = params.generate(kind, generatorSpec, generator.path("selector"));
                } catch (ExpansionException e) {
                    problems.add(where + ": " + e.getMessage());
                    continue;
                }
                JsonNode effective = generatorSpec.path("template").isObject()
                        ? overlay(template, generatorSpec.path("template"))
                        : template;
                for (int p = 0; p < paramSets.size(); p++) {
                    try {
                        ObjectNode app = application(effective, paramSets.get(p), renderer, namespace);
                        if (templatePatch != null) {
                            app = patched(app, templatePatch, paramSets.get(p), renderer, namespace);
                        }
                        String name = app.path("metadata").path("name").asText("");
                        if (name.isEmpty()) {
                            problems.add(where + ": param set " + p + ": generated Application has no metadata.name");
                        } else if (!names.add(name)) {
                            problems.add(where + ": param set " + p + ": duplicate Application name '" + name
                                    + "' (Argo CD rejects the ApplicationSet)");
                        } else {
                            apps.add(app);
                        }
                    } catch (ExpansionException e) {
                        problems.add(where + ": param set " + p + ": " + e.getMessage());
                    }
                }
            }
        }
        return new Expansion(apps, problems);
    }

    private static ObjectNode application(JsonNode template, Map<String, Object> params, TemplateRenderer renderer,
            String namespace) throws ExpansionException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode app = f.objectNode();
        app.put("apiVersion", "argoproj.io/v1alpha1");
        app.put("kind", "Application");
        JsonNode metadata = template.path("metadata").isObject()
                ? renderer.renderTree(template.get("metadata"), params, "template.metadata")
                : f.objectNode();
        if (!namespace.isEmpty()) {
            ((ObjectNode) metadata).put("namespace", namespace);
        }
        app.set("metadata", metadata);
        app.set("spec", template.path("spec").isObject()
                ? renderer.renderTree(template.get("spec"), params, "template.spec")
                : f.objectNode());
        return app;
    }

    private static ObjectNode patched(ObjectNode app, String templatePatch, Map<String, Object> params,
                                      TemplateRenderer renderer, String namespace) throws ExpansionException {
        String rendered;
        try {
            rendered = renderer.render(templatePatch, params);
        } catch (ExpansionException e) {
            throw new ExpansionException("templatePatch: " + e.getMessage(), e);
        }
        JsonNode patch;
        try {
            patch = YAML.readTree(rendered);
        } catch (Exception e) {
            throw new ExpansionException("templatePatch does not render to YAML: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
        if (patch == null || patch.isNull() || patch.isMissingNode()) {
            return app;
        }
        if (!patch.isObject()) {
            throw new ExpansionException("templatePatch must render to a mapping");
        }
        JsonNode merged = mergePatch(app, patch);
        ObjectNode out = (ObjectNode) merged;
        if (!namespace.isEmpty() && out.path("metadata").isObject()) {
            ((ObjectNode) out.get("metadata")).put("namespace", namespace);
        }
        return out;
    }

    /** RFC 7386 merge: maps merge recursively, anything else replaces, {@code null} removes. */
    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode out = target.isObject() ? ((ObjectNode) target).deepCopy() : JsonNodeFactory.instance.objectNode();
        patch.fields().forEachRemaining(e -> {
            if (e.getValue().isNull()) {
                out.remove(e.getKey());
            } else {
                out.set(e.getKey(), mergePatch(out.path(e.getKey()), e.getValue()));
            }
        });
        return out;
    }

    /**
     * A generator's own {@code template} over the ApplicationSet's, as {@code mergo.Merge} does:
     * non-empty generator values win, empty ones fall back to the ApplicationSet template.
     */
    static JsonNode overlay(JsonNode base, JsonNode override) {
        if (!base.isObject() || !override.isObject()) {
            return isEmpty(override) ? base.deepCopy() : override.deepCopy();
        }
        ObjectNode out = ((ObjectNode) base).deepCopy();
        override.fields().forEachRemaining(e -> {
            JsonNode existing = out.get(e.getKey());
            if (existing != null && existing.isObject() && e.getValue().isObject()) {
                out.set(e.getKey(), overlay(existing, e.getValue()));
            } else if (existing == null || !isEmpty(e.getValue())) {
                out.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        return out;
    }

    private static boolean isEmpty(JsonNode n) {
        return n.isNull() || (n.isTextual() && n.textValue().isEmpty()) || (n.isBoolean() && !n.booleanValue())
                || (n.isNumber() && n.doubleValue() == 0) || (n.isContainerNode() && n.size() == 0);
    }
}
