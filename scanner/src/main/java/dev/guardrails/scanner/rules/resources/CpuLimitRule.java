package dev.guardrails.scanner.rules.resources;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;

/** Every scheduled container sets a CPU limit (advisory: some platforms forbid them). */
public final class CpuLimitRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "cpu-limit-missing",
            "Container has no CPU limit",
            Category.RESOURCES,
            Severity.LOW,
            "A container without a CPU limit can take idle CPU from its neighbours; some platforms"
                    + " forbid CPU limits to avoid throttling, so this is advisory.",
            "Set resources.limits.cpu, or turn this rule off where the platform forbids CPU limits.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        return ContainerResources.missing(object, "limits", "cpu", "a CPU limit");
    }
}
