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

    private PlatformRules() {
    }

    public static List<RuleInfo> all() {
        return List.of(RENDER_FAILED, MANIFEST_INVALID, EXEMPTION_EXPIRED, EXEMPTION_INVALID);
    }
}
