package dev.guardrails.scanner.rules.namespaces;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;

/** A namespace that runs workloads has a LimitRange in the bundle; reported once, on its first workload. */
public final class LimitRangeRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "limit-range-missing",
            "Namespace has no LimitRange",
            Category.NAMESPACES,
            Severity.LOW,
            "Without a LimitRange, containers that omit requests or limits get none, so one "
                    + "forgotten field lets a pod run unbounded or be scheduled as if it were free.",
            "Add a LimitRange to the namespace with default and defaultRequest values for CPU and "
                    + "memory, or have the platform team provide one.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        return NamespaceScope.requireInNamespace(object, context.bundle(), "LimitRange");
    }
}
