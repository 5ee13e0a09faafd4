package dev.guardrails.scanner.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.fix.FixDefaults;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.Exemption;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.ObjectSelector;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.parse.ManifestParseException;
import dev.guardrails.scanner.parse.ParseLimits;
import dev.guardrails.scanner.parse.YamlReader;
import dev.guardrails.scanner.rule.KubeVersion;
import dev.guardrails.scanner.rule.PlatformObjects;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleSettings;
import dev.guardrails.scanner.rules.cel.CelCheck;
import dev.guardrails.scanner.rules.cel.CelCheckException;
import dev.guardrails.scanner.rules.cel.CustomRuleSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads and validates {@code .guardrails.yaml}. Unknown keys, unknown rule ids, bad modes and
 * exemptions without owner, reason or expiry are errors naming the field: a typo in a policy file
 * must not silently weaken the policy.
 *
 * <p>{@code customRules:} declares rules in CEL (see {@link CelCheck}). They are read and compiled
 * first, so {@code rules:}, profiles and exemptions may name them like built-in rules; an
 * expression that does not compile is an error here, never a surprise during a scan.
 */
public final class ConfigLoader {

    public static final String FILE_NAME = ".guardrails.yaml";
    private static final long MAX_BYTES = 1024 * 1024;
    private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final Set<String> ruleIds;
    private final YamlReader yaml = new YamlReader(new ParseLimits(MAX_BYTES, 10, 64, 100));

    /** @param ruleIds ids of every known rule, to reject typos in {@code rules:} and exemptions */
    public ConfigLoader(Set<String> ruleIds) {
        this.ruleIds = Set.copyOf(ruleIds);
    }

    /** Loads {@code .guardrails.yaml} from a repo root, or the defaults when there is none. */
    public GuardrailsConfig loadFromRepo(Path repoRoot) throws ConfigException {
        Path file = repoRoot.resolve(FILE_NAME);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return GuardrailsConfig.defaults();
        }
        // The repo is untrusted: a linked policy file must not read (or echo in errors) a file
        // outside it. Every hop of the link chain is resolved before the real path is compared.
        try {
            Path root = repoRoot.toRealPath();
            if (!file.toRealPath().startsWith(root)) {
                throw new ConfigException(FILE_NAME + " is a symlink that resolves outside the repository;"
                        + " refusing to read it");
            }
        } catch (IOException e) {
            throw new ConfigException(FILE_NAME + " is a symlink that does not resolve to a file in the repository;"
                    + " refusing to read it", e);
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(FILE_NAME + " is not a regular file");
        }
        return load(file, FILE_NAME);
    }

    public GuardrailsConfig load(Path file, String displayName) throws ConfigException {
        return parse(read(file, displayName), displayName);
    }

    private static String read(Path file, String displayName) throws ConfigException {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ConfigException(displayName + ": larger than 1 MiB");
            }
            return Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(displayName + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * The {@code fixes:} values of a policy file (defaults for {@code guardrails fix}); none when
     * the file does not exist. Only {@code guardrails fix} needs them, so the policy record does not
     * carry them.
     */
    public FixDefaults loadFixes(Path file, String displayName) throws ConfigException {
        if (!Files.isRegularFile(file)) {
            return FixDefaults.none();
        }
        JsonNode root = tree(read(file, displayName), displayName);
        return root == null || root.isNull() || root.isMissingNode() ? FixDefaults.none() : fixes(root, displayName);
    }

    private JsonNode tree(String text, String displayName) throws ConfigException {
        try {
            return yaml.readTree(text, displayName);
        } catch (ManifestParseException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    private static FixDefaults fixes(JsonNode root, String displayName) throws ConfigException {
        try {
            return FixDefaults.read(root.path("fixes"));
        } catch (ConfigException e) {
            throw new ConfigException(displayName + ": " + e.getMessage(), e);
        }
    }

    public GuardrailsConfig parse(String text, String displayName) throws ConfigException {
        JsonNode root = tree(text, displayName);
        if (root == null || root.isNull() || root.isMissingNode()) {
            return GuardrailsConfig.defaults();
        }
        Reader r = new Reader(displayName);
        r.object(root, "", Set.of("mode", "categories", "rules", "profiles", "exemptions", "exclude",
                "allowedRegistries", "requiredLabels", "kubeVersion", "maxHpaReplicas", "namespace", "repoURLs",
                "customRules", "inlineExemptions", "allowEmptyApps", "charts", "clusters", "platformObjects", "fixes"));
        fixes(root, displayName);
        List<Rule> customRules = new ArrayList<>();
        JsonNode customNode = root.path("customRules");
        r.array(customNode, "customRules");
        for (int i = 0; i < customNode.size(); i++) {
            CelCheck rule = r.customRule(customNode.get(i), "customRules[" + i + "]");
            customRules.add(rule);
            r.customIds.add(rule.id());
        }
        Mode mode = root.has("mode") ? r.mode(root.get("mode"), "mode") : Mode.WARN;
        Map<String, Mode> categories = r.categories(root.path("categories"), "categories");
        Map<String, Mode> rules = r.rules(root.path("rules"), "rules");
        List<ProfileConfig> profiles = new ArrayList<>();
        JsonNode profilesNode = root.path("profiles");
        r.array(profilesNode, "profiles");
        for (int i = 0; i < profilesNode.size(); i++) {
            profiles.add(r.profile(profilesNode.get(i), "profiles[" + i + "]"));
        }
        List<Exemption> exemptions = new ArrayList<>();
        JsonNode exemptionsNode = root.path("exemptions");
        r.array(exemptionsNode, "exemptions");
        for (int i = 0; i < exemptionsNode.size(); i++) {
            exemptions.add(r.exemption(exemptionsNode.get(i), "exemptions[" + i + "]"));
        }
        RuleSettings defaults = RuleSettings.defaults();
        KubeVersion kube = defaults.kubeVersion();
        if (root.has("kubeVersion")) {
            try {
                kube = KubeVersion.parse(root.get("kubeVersion").asText());
            } catch (IllegalArgumentException e) {
                throw r.error("kubeVersion", e.getMessage());
            }
        }
        int maxHpa = defaults.maxHpaReplicas();
        if (root.has("maxHpaReplicas")) {
            if (!root.get("maxHpaReplicas").canConvertToInt() || root.get("maxHpaReplicas").asInt() < 1) {
                throw r.error("maxHpaReplicas", "must be a positive integer");
            }
            maxHpa = root.get("maxHpaReplicas").asInt();
        }
        RuleSettings settings = new RuleSettings(
                root.has("allowedRegistries") ? r.strings(root.get("allowedRegistries"), "allowedRegistries") : List.of(),
                root.has("requiredLabels") ? r.strings(root.get("requiredLabels"), "requiredLabels") : defaults.requiredLabels(),
                kube, maxHpa, r.platformObjects(root.path("platformObjects"), "platformObjects"));
        List<String> exclude = root.has("exclude") ? r.strings(root.get("exclude"), "exclude") : List.of();
        String namespace = root.has("namespace") ? root.get("namespace").asText() : "default";
        List<String> repoUrls = root.has("repoURLs") ? r.strings(root.get("repoURLs"), "repoURLs") : List.of();
        boolean inline = true;
        if (root.has("inlineExemptions")) {
            if (!root.get("inlineExemptions").isBoolean()) {
                throw r.error("inlineExemptions", "must be true or false");
            }
            inline = root.get("inlineExemptions").asBoolean();
        }
        List<String> allowEmpty = root.has("allowEmptyApps")
                ? r.strings(root.get("allowEmptyApps"), "allowEmptyApps") : List.of();
        DiscoverySettings discovery = new DiscoverySettings(r.chartVariants(root.path("charts")),
                r.clusters(root.path("clusters")));
        return new GuardrailsConfig(mode, categories, rules, profiles, exemptions, exclude, settings, namespace, repoUrls,
                customRules, inline, allowEmpty, discovery);
    }

    /** Field-by-field reader that reports errors as {@code file: field: problem}. */
    private final class Reader {
        private final String file;
        /** Ids of the custom rules read so far; they are valid in {@code rules:} and exemptions. */
        private final Set<String> customIds = new HashSet<>();

        Reader(String file) {
            this.file = file;
        }

        ConfigException error(String field, String problem) {
            return new ConfigException(file + ": " + field + ": " + problem);
        }

        void object(JsonNode node, String field, Set<String> allowed) throws ConfigException {
            if (!node.isObject()) {
                throw error(field.isEmpty() ? "(top level)" : field, "must be a mapping");
            }
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    throw error(field.isEmpty() ? name : field + "." + name,
                            "unknown key (allowed: " + String.join(", ", new TreeSet<>(allowed)) + ")");
                }
            }
        }

        void array(JsonNode node, String field) throws ConfigException {
            if (!node.isMissingNode() && !node.isNull() && !node.isArray()) {
                throw error(field, "must be a list");
            }
        }

        List<String> strings(JsonNode node, String field) throws ConfigException {
            if (node.isNull()) {
                return List.of();
            }
            if (!node.isArray()) {
                throw error(field, "must be a list of strings");
            }
            List<String> out = new ArrayList<>();
            for (JsonNode item : node) {
                if (!item.isValueNode() || item.asText().isBlank()) {
                    throw error(field, "must be a list of non-empty strings");
                }
                out.add(item.asText());
            }
            return out;
        }

        Mode mode(JsonNode node, String field) throws ConfigException {
            // YAML 1.1 reads a bare `off` as boolean false.
            if (node.isBoolean()) {
                return node.asBoolean() ? Mode.ENFORCE : Mode.OFF;
            }
            try {
                return Mode.parse(node.asText());
            } catch (IllegalArgumentException e) {
                throw error(field, "'" + node.asText() + "' is not a mode (off, audit, warn, enforce)");
            }
        }

        Map<String, Mode> categories(JsonNode node, String field) throws ConfigException {
            Map<String, Mode> out = new LinkedHashMap<>();
            if (node.isMissingNode() || node.isNull()) {
                return out;
            }
            if (!node.isObject()) {
                throw error(field, "must map category ids to modes");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                try {
                    Category.parse(e.getKey());
                } catch (IllegalArgumentException ex) {
                    List<String> ids = Arrays.stream(Category.values()).map(Category::id).toList();
                    throw error(field + "." + e.getKey(), "unknown category (known: " + String.join(", ", ids) + ")");
                }
                out.put(Category.parse(e.getKey()).id(), mode(e.getValue(), field + "." + e.getKey()));
            }
            return out;
        }

        Map<String, Mode> rules(JsonNode node, String field) throws ConfigException {
            Map<String, Mode> out = new LinkedHashMap<>();
            if (node.isMissingNode() || node.isNull()) {
                return out;
            }
            if (!node.isObject()) {
                throw error(field, "must map rule ids to modes");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                ruleId(e.getKey(), field + "." + e.getKey());
                out.put(e.getKey(), mode(e.getValue(), field + "." + e.getKey()));
            }
            return out;
        }

        void ruleId(String id, String field) throws ConfigException {
            if (!ruleIds.contains(id) && !customIds.contains(id)) {
                throw error(field, "unknown rule id '" + id + "' (see `guardrails rules`)");
            }
        }

        Category category(JsonNode node, String field) throws ConfigException {
            try {
                return Category.parse(node.asText());
            } catch (IllegalArgumentException ex) {
                List<String> ids = Arrays.stream(Category.values()).map(Category::id).toList();
                throw error(field, "unknown category '" + node.asText() + "' (known: " + String.join(", ", ids) + ")");
            }
        }

        String text(JsonNode node, String key, String field, boolean required) throws ConfigException {
            JsonNode value = node.path(key);
            if (value.isMissingNode() || value.isNull()) {
                if (required) {
                    throw error(field + "." + key, "required");
                }
                return null;
            }
            if (!value.isValueNode() || value.asText().isBlank()) {
                throw error(field + "." + key, "must be a non-empty string");
            }
            return value.asText();
        }

        CelCheck customRule(JsonNode node, String field) throws ConfigException {
            object(node, field, Set.of("id", "title", "category", "severity", "kinds", "expression", "message",
                    "path", "rationale", "remediation"));
            String id = text(node, "id", field, true);
            if (!KEBAB.matcher(id).matches()) {
                throw error(field + ".id", "'" + id + "' is not kebab-case (lower-case words joined by '-')");
            }
            if (ruleIds.contains(id)) {
                throw error(field + ".id", "'" + id + "' is a built-in rule id; pick another id");
            }
            if (customIds.contains(id)) {
                throw error(field + ".id", "'" + id + "' is declared twice");
            }
            String title = text(node, "title", field, true);
            Category category = node.has("category") ? category(node.get("category"), field + ".category") : null;
            Severity severity = null;
            if (node.has("severity")) {
                try {
                    severity = Severity.parse(node.get("severity").asText());
                } catch (IllegalArgumentException e) {
                    throw error(field + ".severity", "'" + node.get("severity").asText()
                            + "' is not a severity (low, medium, high, critical)");
                }
            }
            List<String> kinds = node.has("kinds") ? strings(node.get("kinds"), field + ".kinds") : List.of();
            String expression = text(node, "expression", field, true);
            String remediation = text(node, "remediation", field, true);
            if (!remediation.strip().endsWith(".")) {
                throw error(field + ".remediation", "must be a sentence ending with a period");
            }
            CustomRuleSpec spec = new CustomRuleSpec(id, title, category, severity, kinds, expression,
                    text(node, "message", field, false), text(node, "path", field, false),
                    text(node, "rationale", field, false), remediation.strip());
            try {
                return CelCheck.compile(spec);
            } catch (CelCheckException e) {
                throw error(field + ".expression", e.getMessage());
            }
        }

        Set<DiscoverySettings.ChartVariant> chartVariants(JsonNode node) throws ConfigException {
            if (node.isMissingNode() || node.isNull()) {
                return DiscoverySettings.DEFAULT_VARIANTS;
            }
            object(node, "charts", Set.of("variants"));
            if (!node.has("variants")) {
                return DiscoverySettings.DEFAULT_VARIANTS;
            }
            Set<DiscoverySettings.ChartVariant> out = new HashSet<>();
            for (String v : strings(node.get("variants"), "charts.variants")) {
                try {
                    out.add(DiscoverySettings.ChartVariant.valueOf(v.strip().toUpperCase(java.util.Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw error("charts.variants", "'" + v + "' is not a variant (default, env, ci)");
                }
            }
            return out;
        }

        List<ClusterConfig> clusters(JsonNode node) throws ConfigException {
            List<ClusterConfig> out = new ArrayList<>();
            array(node, "clusters");
            Set<String> names = new HashSet<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode c = node.get(i);
                String field = "clusters[" + i + "]";
                object(c, field, Set.of("name", "server", "project", "labels", "annotations"));
                String name = text(c, "name", field, true);
                if (!names.add(name)) {
                    throw error(field + ".name", "cluster '" + name + "' is listed twice");
                }
                out.add(new ClusterConfig(name, text(c, "server", field, true),
                        text(c, "project", field, false), stringMap(c.path("labels"), field + ".labels"),
                        stringMap(c.path("annotations"), field + ".annotations")));
            }
            return out;
        }

        Map<String, String> stringMap(JsonNode node, String field) throws ConfigException {
            Map<String, String> out = new LinkedHashMap<>();
            if (node.isMissingNode() || node.isNull()) {
                return out;
            }
            if (!node.isObject()) {
                throw error(field, "must map names to strings");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                    throw error(field + "." + e.getKey(), "must be a string");
                }
                out.put(e.getKey(), e.getValue().asText());
            }
            return out;
        }

        PlatformObjects platformObjects(JsonNode node, String field) throws ConfigException {
            if (node.isMissingNode() || node.isNull()) {
                return PlatformObjects.NONE;
            }
            object(node, field, Set.of("serviceAccounts", "configMaps", "secrets", "persistentVolumeClaims"));
            return new PlatformObjects(
                    node.has("serviceAccounts") ? strings(node.get("serviceAccounts"), field + ".serviceAccounts") : List.of(),
                    node.has("configMaps") ? strings(node.get("configMaps"), field + ".configMaps") : List.of(),
                    node.has("secrets") ? strings(node.get("secrets"), field + ".secrets") : List.of(),
                    node.has("persistentVolumeClaims")
                            ? strings(node.get("persistentVolumeClaims"), field + ".persistentVolumeClaims") : List.of());
        }

        ProfileConfig profile(JsonNode node, String field) throws ConfigException {
            object(node, field, Set.of("name", "match", "mode", "categories", "rules"));
            if (!node.hasNonNull("name") || node.get("name").asText().isBlank()) {
                throw error(field + ".name", "required");
            }
            JsonNode match = node.path("match");
            List<String> paths = List.of();
            List<String> apps = List.of();
            if (!match.isMissingNode()) {
                object(match, field + ".match", Set.of("paths", "apps"));
                paths = match.has("paths") ? strings(match.get("paths"), field + ".match.paths") : List.of();
                apps = match.has("apps") ? strings(match.get("apps"), field + ".match.apps") : List.of();
            }
            Mode mode = node.has("mode") ? mode(node.get("mode"), field + ".mode") : null;
            return new ProfileConfig(node.get("name").asText(), paths, apps, mode,
                    categories(node.path("categories"), field + ".categories"),
                    rules(node.path("rules"), field + ".rules"));
        }

        Exemption exemption(JsonNode node, String field) throws ConfigException {
            object(node, field, Set.of("rule", "match", "owner", "reason", "expires"));
            for (String required : List.of("rule", "owner", "reason", "expires")) {
                if (!node.hasNonNull(required) || node.get(required).asText().isBlank()) {
                    throw error(field + "." + required, "required: every exemption names the rule, an owner, a reason and an expiry date");
                }
            }
            String rule = node.get("rule").asText();
            if (!rule.equals("*")) {
                ruleId(rule, field + ".rule");
            }
            LocalDate expires;
            try {
                expires = LocalDate.parse(node.get("expires").asText());
            } catch (DateTimeParseException e) {
                throw error(field + ".expires", "'" + node.get("expires").asText() + "' is not a date (YYYY-MM-DD)");
            }
            JsonNode match = node.path("match");
            ObjectSelector selector = ObjectSelector.ANY;
            if (!match.isMissingNode()) {
                object(match, field + ".match", Set.of("app", "kind", "namespace", "name"));
                selector = new ObjectSelector(match.path("app").asText(""), match.path("kind").asText(""),
                        match.path("namespace").asText(""), match.path("name").asText(""));
            }
            return new Exemption(rule, selector, node.get("owner").asText(), node.get("reason").asText(),
                    expires, file + " " + field);
        }
    }
}
