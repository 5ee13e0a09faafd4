package dev.guardrails.scanner.rules.resources;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;

/** Every scheduled container sets a memory limit. */
public final class MemoryLimitRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "memory-limit-missing",
            "Container has no memory limit",
            Category.RESOURCES,
            Severity.MEDIUM,
            "A container without a memory limit can use all the node's memory, pushing neighbours "
                    + "into eviction or the kernel OOM killer.",
            "Set resources.limits.memory, usually equal to the memory request so the pod's memory is guaranteed.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        return ContainerResources.missing(object, "limits", "memory", "a memory limit");
    }
}
