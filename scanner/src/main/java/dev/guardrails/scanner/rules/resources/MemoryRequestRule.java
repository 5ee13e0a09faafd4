package dev.guardrails.scanner.rules.resources;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;

/** Every scheduled container sets a memory request. */
public final class MemoryRequestRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "memory-request-missing",
            "Container has no memory request",
            Category.RESOURCES,
            Severity.MEDIUM,
            "Without a memory request the scheduler can pack the pod onto a node without room for "
                    + "it, and it is among the first evicted under memory pressure.",
            "Set resources.requests.memory to the container's typical working set (for example 256Mi).");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        return ContainerResources.missing(object, "requests", "memory", "a memory request");
    }
}
