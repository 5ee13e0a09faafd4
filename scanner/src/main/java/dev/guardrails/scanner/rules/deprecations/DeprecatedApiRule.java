package dev.guardrails.scanner.rules.deprecations;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.KubeVersion;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;

/** An API that the target cluster version still serves but has deprecated. */
public final class DeprecatedApiRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "deprecated-api",
            "API version is deprecated",
            Category.DEPRECATIONS,
            Severity.LOW,
            "A deprecated API still works on the target cluster version but will stop being "
                    + "served in a later one, and the sync fails on the first cluster upgraded past it.",
            "Migrate the manifest to the replacement apiVersion named in the finding (kubectl "
                    + "convert or the chart's newer version can help) before upgrading the cluster.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        KubeVersion target = context.settings().kubeVersion();
        return ApiDeprecations.find(object.apiVersion(), object.kind())
                .filter(entry -> entry.deprecatedBy(target))
                .map(entry -> List.of(new Violation("apiVersion", object.apiVersion() + " " + object.kind()
                        + " is deprecated since Kubernetes " + entry.deprecatedIn()
                        + entry.removedIn().map(v -> " and removed in " + v).orElse("")
                        + "; use " + entry.replacement())))
                .orElse(List.of());
    }
}
