package dev.guardrails.argocd.cmp;

import dev.guardrails.scanner.model.Mode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The guardrails plugin's own settings, from {@code ARGOCD_APP_PARAMETERS} and, for mode and
 * profile, from {@code ARGOCD_ENV_GUARDRAILS_MODE} / {@code ARGOCD_ENV_GUARDRAILS_PROFILE}.
 * Parameters win over env. Unknown parameter names are errors: a typo must not silently weaken
 * the policy.
 *
 * @param mode           the plugin mode, or {@code null} to let {@code .guardrails.yaml} decide
 * @param profile        the {@code .guardrails.yaml} profile to apply, or {@code null} to match by path/app
 * @param valuesFiles    helm {@code --values} files, relative to the chart dir
 * @param helmParameters helm {@code --set} values, in the order given
 * @param releaseName    helm release name, or {@code null} for the app name without its namespace prefix
 * @param allowEmpty     zero rendered objects is intended (otherwise generate refuses, as auto-prune would delete everything)
 */
public record PluginSettings(Mode mode, String profile, List<String> valuesFiles, Map<String, String> helmParameters,
                             String releaseName, boolean allowEmpty) {

    /** Parameter names this plugin announces in {@code plugin.yaml}. */
    public static final Set<String> PARAMETER_NAMES =
            Set.of("mode", "profile", "values-files", "helm-parameters", "release-name", "allow-empty");

    public static final String ENV_MODE = "GUARDRAILS_MODE";
    public static final String ENV_PROFILE = "GUARDRAILS_PROFILE";

    public PluginSettings {
        valuesFiles = valuesFiles == null ? List.of() : List.copyOf(valuesFiles);
        helmParameters = helmParameters == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(helmParameters));
        profile = profile == null || profile.isBlank() ? null : profile.strip();
        releaseName = releaseName == null || releaseName.isBlank() ? null : releaseName.strip();
    }

    /** Reads the settings from a parsed environment. */
    public static PluginSettings from(CmpEnvironment env) throws CmpContractException {
        for (CmpParameter p : env.parameters()) {
            if (!PARAMETER_NAMES.contains(p.name())) {
                throw new CmpContractException("unknown parameter '" + p.name() + "' (known: "
                        + String.join(", ", PARAMETER_NAMES.stream().sorted().toList()) + ")");
            }
        }
        String modeText = stringParam(env, "mode");
        String modeSource = "parameter 'mode'";
        if (modeText == null) {
            modeText = blankToNull(env.pluginEnv().get(ENV_MODE));
            modeSource = "ARGOCD_ENV_" + ENV_MODE;
        }
        Mode mode = modeText == null ? null : parseMode(modeText, modeSource);
        String profile = stringParam(env, "profile");
        if (profile == null) {
            profile = blankToNull(env.pluginEnv().get(ENV_PROFILE));
        }
        List<String> valuesFiles = List.of();
        CmpParameter vf = env.parameter("values-files").orElse(null);
        if (vf != null) {
            if (vf.array() != null) {
                valuesFiles = vf.array();
            } else if (vf.string() != null) {
                throw new CmpContractException("parameter 'values-files' must be an array, e.g. "
                        + "{\"name\":\"values-files\",\"array\":[\"values-prod.yaml\"]}");
            }
        }
        Map<String, String> helmParameters = Map.of();
        CmpParameter hp = env.parameter("helm-parameters").orElse(null);
        if (hp != null) {
            if (hp.map() != null) {
                helmParameters = hp.map();
            } else if (hp.string() != null || hp.array() != null) {
                throw new CmpContractException("parameter 'helm-parameters' must be a map, e.g. "
                        + "{\"name\":\"helm-parameters\",\"map\":{\"image.tag\":\"v1\"}}");
            }
        }
        String allowEmpty = stringParam(env, "allow-empty");
        boolean allow = false;
        if (allowEmpty != null) {
            String v = allowEmpty.strip().toLowerCase(Locale.ROOT);
            if (!v.equals("true") && !v.equals("false")) {
                throw new CmpContractException("parameter 'allow-empty' must be \"true\" or \"false\", got '"
                        + allowEmpty + "'");
            }
            allow = v.equals("true");
        }
        return new PluginSettings(mode, profile, valuesFiles, helmParameters, stringParam(env, "release-name"), allow);
    }

    private static String stringParam(CmpEnvironment env, String name) throws CmpContractException {
        CmpParameter p = env.parameter(name).orElse(null);
        if (p == null) {
            return null;
        }
        if (p.string() == null && (p.array() != null || p.map() != null)) {
            throw new CmpContractException("parameter '" + name + "' must be a string");
        }
        return blankToNull(p.string());
    }

    private static Mode parseMode(String text, String source) throws CmpContractException {
        try {
            return Mode.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CmpContractException(source + ": unknown mode '" + text + "' (expected off, audit, warn or enforce)");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
