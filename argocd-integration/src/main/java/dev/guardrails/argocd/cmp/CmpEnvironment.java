package dev.guardrails.argocd.cmp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What Argo CD tells a config-management plugin through its environment (CMP v2,
 * {@code reposerver/repository/repository.go} {@code newEnv}, {@code getPluginEnvs}). Parsed once,
 * at the edge, so nothing downstream reads raw variables.
 *
 * @param appName         {@code ARGOCD_APP_NAME}; {@code <ns>_<name>} for Apps outside the control-plane namespace
 * @param appNamespace    {@code ARGOCD_APP_NAMESPACE}: the destination namespace
 * @param revision        {@code ARGOCD_APP_REVISION}: the resolved commit SHA
 * @param revisionShort   {@code ARGOCD_APP_REVISION_SHORT}
 * @param sourcePath      {@code ARGOCD_APP_SOURCE_PATH}: the app dir relative to the repo root, as written in the spec
 * @param repoUrl         {@code ARGOCD_APP_SOURCE_REPO_URL}
 * @param targetRevision  {@code ARGOCD_APP_SOURCE_TARGET_REVISION}
 * @param kubeVersion     {@code KUBE_VERSION}: plain semver of the destination cluster, or empty
 * @param kubeApiVersions {@code KUBE_API_VERSIONS}: {@code group/version} and {@code group/version/Kind} entries
 * @param pluginEnv       {@code ARGOCD_ENV_*} with the prefix stripped and the name's case kept
 * @param parameters      {@code ARGOCD_APP_PARAMETERS}, empty when absent or the literal {@code null}
 */
public record CmpEnvironment(String appName, String appNamespace, String revision, String revisionShort,
                             String sourcePath, String repoUrl, String targetRevision, String kubeVersion,
                             List<String> kubeApiVersions, Map<String, String> pluginEnv,
                             List<CmpParameter> parameters) {

    /** Prefix Argo CD puts before every {@code spec.source.plugin.env} name. */
    public static final String PLUGIN_ENV_PREFIX = "ARGOCD_ENV_";

    private static final ObjectMapper JSON = new ObjectMapper();

    public CmpEnvironment {
        appName = nullToEmpty(appName);
        appNamespace = nullToEmpty(appNamespace);
        revision = nullToEmpty(revision);
        revisionShort = nullToEmpty(revisionShort);
        sourcePath = nullToEmpty(sourcePath);
        repoUrl = nullToEmpty(repoUrl);
        targetRevision = nullToEmpty(targetRevision);
        kubeVersion = nullToEmpty(kubeVersion);
        kubeApiVersions = kubeApiVersions == null ? List.of() : List.copyOf(kubeApiVersions);
        pluginEnv = pluginEnv == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(pluginEnv));
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }

    /**
     * Reads the contract from an environment map (usually {@link System#getenv()}).
     *
     * @throws CmpContractException when {@code ARGOCD_APP_PARAMETERS} is not the JSON Argo CD writes
     */
    public static CmpEnvironment parse(Map<String, String> env) throws CmpContractException {
        Map<String, String> pluginEnv = new LinkedHashMap<>();
        env.keySet().stream().sorted().forEach(key -> {
            if (key.startsWith(PLUGIN_ENV_PREFIX) && key.length() > PLUGIN_ENV_PREFIX.length()) {
                pluginEnv.put(key.substring(PLUGIN_ENV_PREFIX.length()), env.get(key));
            }
        });
        return new CmpEnvironment(env.get("ARGOCD_APP_NAME"), env.get("ARGOCD_APP_NAMESPACE"),
                env.get("ARGOCD_APP_REVISION"), env.get("ARGOCD_APP_REVISION_SHORT"),
                env.get("ARGOCD_APP_SOURCE_PATH"), env.get("ARGOCD_APP_SOURCE_REPO_URL"),
                env.get("ARGOCD_APP_SOURCE_TARGET_REVISION"), env.get("KUBE_VERSION"),
                splitApiVersions(env.get("KUBE_API_VERSIONS")), pluginEnv,
                parseParameters(env.get("ARGOCD_APP_PARAMETERS")));
    }

    /** The app name without the {@code <ns>_} prefix Argo CD adds for Apps in other namespaces. */
    public String shortAppName() {
        int underscore = appName.indexOf('_');
        return underscore < 0 ? appName : appName.substring(underscore + 1);
    }

    /** The source path as a clean repo-relative path with {@code /} separators; {@code .} for the root. */
    public String normalizedSourcePath() {
        String p = sourcePath.replace('\\', '/').strip();
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() || p.equals(".") ? "." : p;
    }

    /** The parameter with this name, if Argo CD sent it. */
    public Optional<CmpParameter> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    static List<String> splitApiVersions(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Parses {@code ARGOCD_APP_PARAMETERS}: a JSON array of {@code {name, string|array|map}}, or {@code null}. */
    static List<CmpParameter> parseParameters(String value) throws CmpContractException {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        JsonNode root;
        try {
            root = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw new CmpContractException("ARGOCD_APP_PARAMETERS is not valid JSON: "
                    + e.getOriginalMessage() + " (expected e.g. [{\"name\":\"mode\",\"string\":\"warn\"}])", e);
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return List.of(); // `plugin: {}` gives the literal null
        }
        if (!root.isArray()) {
            throw new CmpContractException("ARGOCD_APP_PARAMETERS must be a JSON array of parameters, got a "
                    + kind(root));
        }
        List<CmpParameter> out = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode item = root.get(i);
            String where = "ARGOCD_APP_PARAMETERS[" + i + "]";
            if (!item.isObject()) {
                throw new CmpContractException(where + " must be an object with a name, got a " + kind(item));
            }
            JsonNode name = item.get("name");
            if (name == null || !name.isTextual() || name.asText().isBlank()) {
                throw new CmpContractException(where + " has no \"name\"");
            }
            where = "parameter '" + name.asText() + "'";
            for (Iterator<String> it = item.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!List.of("name", "string", "array", "map").contains(field)) {
                    throw new CmpContractException(where + ": unknown field \"" + field
                            + "\" (expected string, array or map)");
                }
            }
            out.add(new CmpParameter(name.asText(), string(item.get("string"), where),
                    array(item.get("array"), where), map(item.get("map"), where)));
        }
        return out;
    }

    private static String string(JsonNode node, String where) throws CmpContractException {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode() || node.isBinary()) {
            throw new CmpContractException(where + ": \"string\" must be a string, got a " + kind(node));
        }
        return node.asText();
    }

    private static List<String> array(JsonNode node, String where) throws CmpContractException {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw new CmpContractException(where + ": \"array\" must be a list of strings, got a " + kind(node));
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : node) {
            if (!e.isValueNode() || e.isNull()) {
                throw new CmpContractException(where + ": \"array\" must hold strings only");
            }
            out.add(e.asText());
        }
        return out;
    }

    private static Map<String, String> map(JsonNode node, String where) throws CmpContractException {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new CmpContractException(where + ": \"map\" must be an object of strings, got a " + kind(node));
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new CmpContractException(where + ": \"map\" value for '" + e.getKey() + "' must be a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
