package dev.guardrails.scanner.config;

import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.ObjectSelector;
import dev.guardrails.scanner.render.Glob;
import dev.guardrails.scanner.rule.RuleInfo;
import java.util.Map;
import java.util.Optional;

/**
 * Decides the mode of each rule for one app. The most specific setting wins:
 * profile rule &gt; global rule &gt; profile category &gt; global category &gt; profile mode &gt; global mode.
 * So a rule turned off globally stays off in every environment unless a profile names that rule.
 * A rule with a {@link RuleInfo#defaultMode() default mode} runs at most in that mode when only a
 * profile or global {@code mode} applies to it.
 */
public final class PolicyResolver {

    private final GuardrailsConfig config;

    public PolicyResolver(GuardrailsConfig config) {
        this.config = config;
    }

    /**
     * The profile for an app: the one named {@code selected} if given (it must exist), else the
     * first whose path or app globs match.
     */
    public Optional<ProfileConfig> profileFor(String appName, String appPath, String selected) {
        if (selected != null && !selected.isBlank()) {
            return config.profiles().stream().filter(p -> p.name().equals(selected)).findFirst();
        }
        for (ProfileConfig p : config.profiles()) {
            if (p.paths().stream().anyMatch(g -> globMatches(g, appPath))
                    || p.apps().stream().anyMatch(g -> ObjectSelector.glob(g, appName))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public Mode modeFor(RuleInfo rule, Optional<ProfileConfig> profile) {
        Map<String, Mode> profileRules = profile.map(ProfileConfig::rules).orElse(Map.of());
        if (profileRules.containsKey(rule.id())) {
            return profileRules.get(rule.id());
        }
        if (config.rules().containsKey(rule.id())) {
            return config.rules().get(rule.id());
        }
        String category = rule.category().id();
        Map<String, Mode> profileCategories = profile.map(ProfileConfig::categories).orElse(Map.of());
        if (profileCategories.containsKey(category)) {
            return profileCategories.get(category);
        }
        if (config.categories().containsKey(category)) {
            return config.categories().get(category);
        }
        Mode general = profile.map(ProfileConfig::mode).orElse(null) != null ? profile.get().mode() : config.mode();
        return rule.capDefault(general);
    }

    /**
     * Glob on a repo path, with the same doublestar rules as {@code exclude}: {@code *} stays in a
     * segment, {@code **} crosses segments, and {@code dir/**} also matches {@code dir} itself.
     */
    public static boolean globMatches(String glob, String value) {
        if (value == null) {
            return false;
        }
        return Glob.segmented(glob).matches(value.equals(".") ? "" : value);
    }
}
