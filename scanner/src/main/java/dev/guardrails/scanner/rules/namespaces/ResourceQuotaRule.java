package dev.guardrails.scanner.rules.namespaces;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;

/** A namespace that runs workloads has a ResourceQuota in the bundle; reported once, on its first workload. */
public final class ResourceQuotaRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "resource-quota-missing",
            "Namespace has no ResourceQuota",
            Category.NAMESPACES,
            Severity.LOW,
            "Without a ResourceQuota nothing caps what the namespace can request, so a runaway "
                    + "autoscaler or a copy-paste mistake can starve every other tenant of the cluster.",
            "Add a ResourceQuota to the namespace capping requests, limits and object counts, or have "
                    + "the platform team provide one.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        return NamespaceScope.requireInNamespace(object, context.bundle(), "ResourceQuota");
    }
}
