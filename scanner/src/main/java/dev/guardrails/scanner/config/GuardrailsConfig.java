package dev.guardrails.scanner.config;

import dev.guardrails.scanner.model.Exemption;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.rule.KubeVersion;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.RuleSettings;
import java.util.List;
import java.util.Map;

/**
 * The repository's guardrail policy, read from {@code .guardrails.yaml} at the repo root and
 * validated once by {@link ConfigLoader}. Everything downstream works with this typed form.
 *
 * @param mode        default mode for every rule (default {@code warn})
 * @param categories  mode per category id, everywhere
 * @param rules       mode per rule id, everywhere
 * @param profiles    per-environment overrides, first match wins
 * @param exemptions  granted exceptions, each with owner, reason and expiry
 * @param exclude     globs of repo paths that are not apps (docs, test data)
 * @param settings    rule parameters (registries, labels, target Kubernetes version)
 * @param namespace   destination namespace for objects without one, when the app has none
 * @param repoUrls    Argo CD repoURLs that denote this repository (besides its origin remote)
 * @param customRules the repo's own rules ({@code customRules:}, in CEL), compiled once when the
 *                    file is loaded; the engine runs them after the built-ins
 * @param inlineExemptions whether {@code guardrails.dev/exempt.<rule>} annotations in manifests are
 *                    honoured (default true); when false they are reported, not applied, so only the
 *                    policy file can grant exceptions
 * @param allowEmptyApps app name or path globs allowed to render no object (else {@code app-empty})
 * @param discovery   chart value variants and ApplicationSet clusters ({@code charts:}, {@code clusters:})
 */
public record GuardrailsConfig(Mode mode, Map<String, Mode> categories, Map<String, Mode> rules,
                               List<ProfileConfig> profiles, List<Exemption> exemptions,
                               List<String> exclude, RuleSettings settings, String namespace, List<String> repoUrls,
                               List<Rule> customRules, boolean inlineExemptions, List<String> allowEmptyApps,
                               DiscoverySettings discovery) {

    public GuardrailsConfig(Mode mode, Map<String, Mode> categories, Map<String, Mode> rules,
                            List<ProfileConfig> profiles, List<Exemption> exemptions,
                            List<String> exclude, RuleSettings settings, String namespace, List<String> repoUrls,
                            List<Rule> customRules, boolean inlineExemptions, List<String> allowEmptyApps) {
        this(mode, categories, rules, profiles, exemptions, exclude, settings, namespace, repoUrls, customRules,
                inlineExemptions, allowEmptyApps, DiscoverySettings.defaults());
    }

    public GuardrailsConfig(Mode mode, Map<String, Mode> categories, Map<String, Mode> rules,
                            List<ProfileConfig> profiles, List<Exemption> exemptions,
                            List<String> exclude, RuleSettings settings, String namespace, List<String> repoUrls,
                            List<Rule> customRules, boolean inlineExemptions, DiscoverySettings discovery) {
        this(mode, categories, rules, profiles, exemptions, exclude, settings, namespace, repoUrls, customRules,
                inlineExemptions, List.of(), discovery);
    }

    public GuardrailsConfig(Mode mode, Map<String, Mode> categories, Map<String, Mode> rules,
                            List<ProfileConfig> profiles, List<Exemption> exemptions,
                            List<String> exclude, RuleSettings settings, String namespace, List<String> repoUrls,
                            List<Rule> customRules, boolean inlineExemptions) {
        this(mode, categories, rules, profiles, exemptions, exclude, settings, namespace, repoUrls, customRules,
                inlineExemptions, List.of(), DiscoverySettings.defaults());
    }

    public GuardrailsConfig(Mode mode, Map<String, Mode> categories, Map<String, Mode> rules,
                            List<ProfileConfig> profiles, List<Exemption> exemptions,
                            List<String> exclude, RuleSettings settings, String namespace, List<String> repoUrls,
                            List<Rule> customRules) {
        this(mode, categories, rules, profiles, exemptions, exclude, settings, namespace, repoUrls, customRules, true);
    }

    public GuardrailsConfig(Mode mode, Map<String, Mode> categories, Map<String, Mode> rules,
                            List<ProfileConfig> profiles, List<Exemption> exemptions,
                            List<String> exclude, RuleSettings settings, String namespace, List<String> repoUrls) {
        this(mode, categories, rules, profiles, exemptions, exclude, settings, namespace, repoUrls, List.of());
    }

    public GuardrailsConfig(Mode mode, Map<String, Mode> categories, Map<String, Mode> rules,
                            List<ProfileConfig> profiles, List<Exemption> exemptions,
                            List<String> exclude, RuleSettings settings, String namespace) {
        this(mode, categories, rules, profiles, exemptions, exclude, settings, namespace, List.of());
    }

    public GuardrailsConfig {
        mode = mode == null ? Mode.WARN : mode;
        categories = categories == null ? Map.of() : Map.copyOf(categories);
        rules = rules == null ? Map.of() : Map.copyOf(rules);
        profiles = profiles == null ? List.of() : List.copyOf(profiles);
        exemptions = exemptions == null ? List.of() : List.copyOf(exemptions);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
        settings = settings == null ? RuleSettings.defaults() : settings;
        namespace = namespace == null || namespace.isBlank() ? "default" : namespace;
        repoUrls = repoUrls == null ? List.of() : List.copyOf(repoUrls);
        customRules = customRules == null ? List.of() : List.copyOf(customRules);
        allowEmptyApps = allowEmptyApps == null ? List.of() : List.copyOf(allowEmptyApps);
        discovery = discovery == null ? DiscoverySettings.defaults() : discovery;
    }

    /** Metadata of the custom rules, in declaration order. */
    public List<RuleInfo> customRuleInfos() {
        return customRules.stream().map(Rule::info).toList();
    }

    /** The policy used when a repo has no {@code .guardrails.yaml}: every rule warns. */
    public static GuardrailsConfig defaults() {
        return new GuardrailsConfig(Mode.WARN, Map.of(), Map.of(), List.of(), List.of(), List.of(),
                RuleSettings.defaults(), "default");
    }

    public GuardrailsConfig withMode(Mode newMode) {
        return new GuardrailsConfig(newMode, categories, rules, profiles, exemptions, exclude, settings, namespace, repoUrls,
                customRules, inlineExemptions, allowEmptyApps, discovery);
    }

    public GuardrailsConfig withKubeVersion(KubeVersion version) {
        RuleSettings s = settings.withKubeVersion(version);
        return new GuardrailsConfig(mode, categories, rules, profiles, exemptions, exclude, s, namespace, repoUrls,
                customRules, inlineExemptions, allowEmptyApps, discovery);
    }
}
