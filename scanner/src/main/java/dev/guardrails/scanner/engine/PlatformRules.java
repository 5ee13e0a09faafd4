package dev.guardrails.scanner.engine;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.RuleInfo;
import java.util.List;

/**
 * Findings the engine raises about the scan itself rather than about an object. They have ids,
 * modes and exemptions like any rule, so a broken render can block a deploy in enforce mode.
 */
public final class PlatformRules {

    public static final RuleInfo RENDER_FAILED = RuleInfo.of(
            "render-failed",
            "App could not be rendered",
            Category.PLATFORM,
            Severity.CRITICAL,
            "If helm or kustomize cannot render an app here, Argo CD cannot either: the app will not sync, "
                    + "and nothing in it has been checked.",
            "Fix the error the tool printed (run the same helm template or kustomize build locally), then push again.");

    public static final RuleInfo MANIFEST_INVALID = RuleInfo.of(
            "manifest-invalid",
            "Manifest file is not valid Kubernetes YAML",
            Category.PLATFORM,
            Severity.HIGH,
            "A file that does not parse, or parses to something other than Kubernetes objects, fails the "
                    + "Argo CD sync of the whole app.",
            "Fix the YAML at the reported line, or move non-manifest files out of the app directory or into `exclude`.");

    public static final RuleInfo EXEMPTION_EXPIRED = RuleInfo.of(
            "exemption-expired",
            "Exemption has expired",
            Category.PLATFORM,
            Severity.MEDIUM,
            "Exemptions are temporary by design; an expired one no longer suppresses anything, so the "
                    + "findings it covered are active again.",
            "Fix the findings and delete the exemption, or renew it with a new expiry date and a current reason.");

    public static final RuleInfo EXEMPTION_INVALID = RuleInfo.of(
            "exemption-invalid",
            "Inline exemption is malformed or not allowed",
            Category.PLATFORM,
            Severity.MEDIUM,
            "An exemption annotation that names no owner, reason or expiry, names an unknown rule, or is "
                    + "refused by the policy does not apply: the finding it was meant to cover stays active.",
            "Write it as guardrails.dev/exempt.<rule>: \"owner=<team>; reason=<why>; expires=<YYYY-MM-DD>\", "
                    + "or move it to the exemptions of .guardrails.yaml when the policy disables inline exemptions.");


    // Coverage: things that were not checked. Each is a finding so that modes, exemptions and exit
    // codes treat it like any rule: in enforce mode an unchecked app blocks unless the policy says otherwise.

    public static final RuleInfo NO_APPS = RuleInfo.of(
            "no-apps",
            "No app was found to check",
            Category.PLATFORM,
            Severity.HIGH,
            "A scan that found nothing to render checked nothing: a passing verdict would only mean the repo "
                    + "layout was not recognised (or every app was excluded or skipped).",
            "Point the scan at the repo root, check `exclude` in .guardrails.yaml, or name this repository with "
                    + "--repo-url / `repoURLs` so its Argo CD Applications are rendered.");

    public static final RuleInfo APP_EMPTY = RuleInfo.of(
            "app-empty",
            "App rendered no objects",
            Category.PLATFORM,
            Severity.MEDIUM,
            "An app that renders nothing is either misconfigured (wrong path, every template disabled) or, with "
                    + "auto-prune, an instruction to delete everything it deployed; nothing in it was checked.",
            "Fix the app's path or values, or list the app (name or path glob) under `allowEmptyApps` in "
                    + ".guardrails.yaml when an empty render is intended.");

    public static final RuleInfo SOURCE_UNSUPPORTED = RuleInfo.of(
            "source-unsupported",
            "App source type is not rendered",
            Category.PLATFORM,
            Severity.HIGH,
            "Jsonnet files and config-management plugins are rendered by Argo CD but not by this tool, so "
                    + "what they deploy was not checked.",
            "Render the app with Helm, Kustomize or plain YAML, or set `rules: {source-unsupported: audit}` "
                    + "in .guardrails.yaml to accept unchecked sources.");

    public static final RuleInfo SOURCE_UNAVAILABLE = RuleInfo.of(
            "source-unavailable",
            "App source is not available offline",
            Category.PLATFORM,
            Severity.HIGH,
            "A source in another Git repository or a Helm repository is not fetched (the gate stays offline), "
                    + "so what it deploys was not checked here.",
            "Scan that repository too, name this repository with --repo-url / `repoURLs` if the URL is another "
                    + "spelling of it, or set `rules: {source-unavailable: audit}` in .guardrails.yaml.");

    public static final RuleInfo APPSET_NOT_EXPANDED = RuleInfo.of(
            "appset-not-expanded",
            "ApplicationSet could not be expanded offline",
            Category.PLATFORM,
            Severity.HIGH,
            "Generators that need the cluster or an API (clusters, SCM provider, pull requests, plugins) cannot "
                    + "be expanded offline, so the Applications they generate were not checked.",
            "Use list or git generators, or set `rules: {appset-not-expanded: audit}` in .guardrails.yaml.");

    public static final RuleInfo TEMPLATE_UNRESOLVED = RuleInfo.of(
            "template-unresolved",
            "Application still holds an unresolved template",
            Category.PLATFORM,
            Severity.HIGH,
            "A literal {{...}} left in an Application's source (a parameter no generator provides) makes Argo CD "
                    + "render a path or revision that does not exist; nothing of it was checked.",
            "Provide the parameter from a generator, or fix its name in the ApplicationSet template.");

    public static final RuleInfo APP_SKIPPED = RuleInfo.of(
            "app-skipped",
            "App was not checked",
            Category.PLATFORM,
            Severity.HIGH,
            "An Application found in the repo was not rendered (for example beyond the app-of-apps depth "
                    + "limit), so what it deploys was not checked.",
            "Follow the message; set `rules: {app-skipped: audit}` in .guardrails.yaml to accept it.");

    public static final RuleInfo APP_TIMEOUT = RuleInfo.of(
            "app-timeout",
            "App was not fully checked in time",
            Category.PLATFORM,
            Severity.CRITICAL,
            "Rendering, parsing and checking an app share one deadline (and a scan has one overall); an app "
                    + "past it was not completely checked, so its verdict cannot be a pass.",
            "Make the app cheaper to render and check (fewer objects, simpler CEL rules), or raise "
                    + "--app-timeout / --scan-timeout.");

    private static final java.util.Set<String> COVERAGE_IDS = java.util.Set.of("render-failed", "no-apps",
            "app-empty", "source-unsupported", "source-unavailable", "appset-not-expanded", "template-unresolved",
            "app-skipped", "app-timeout");

    private PlatformRules() {
    }

    public static List<RuleInfo> all() {
        return List.of(RENDER_FAILED, MANIFEST_INVALID, EXEMPTION_EXPIRED, EXEMPTION_INVALID, NO_APPS, APP_EMPTY,
                SOURCE_UNSUPPORTED, SOURCE_UNAVAILABLE, APPSET_NOT_EXPANDED, TEMPLATE_UNRESOLVED, APP_SKIPPED, APP_TIMEOUT);
    }

    /** Rules whose findings mean "something was not checked": outputs list them under coverage. */
    public static boolean coverage(String ruleId) {
        return COVERAGE_IDS.contains(ruleId);
    }
}
