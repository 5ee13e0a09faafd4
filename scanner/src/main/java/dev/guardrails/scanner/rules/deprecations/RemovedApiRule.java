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

/** An API that the target cluster version no longer serves. */
public final class RemovedApiRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "removed-api",
            "API version is no longer served",
            Category.DEPRECATIONS,
            Severity.HIGH,
            "The target cluster version no longer serves this API, so applying the manifest fails "
                    + "and the application cannot sync.",
            "Change the manifest to the replacement apiVersion named in the finding, adjusting "
                    + "fields that changed between versions.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        KubeVersion target = context.settings().kubeVersion();
        return ApiDeprecations.find(object.apiVersion(), object.kind())
                .filter(entry -> entry.removedBy(target))
                .map(entry -> List.of(new Violation("apiVersion", object.apiVersion() + " " + object.kind()
                        + " was removed in Kubernetes " + entry.removedIn().orElseThrow()
                        + " (target " + target + "); use " + entry.replacement())))
                .orElse(List.of());
    }
}
