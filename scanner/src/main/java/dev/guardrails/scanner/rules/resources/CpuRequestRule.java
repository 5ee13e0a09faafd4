package dev.guardrails.scanner.rules.resources;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;

/** Every scheduled container sets a CPU request. */
public final class CpuRequestRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "cpu-request-missing",
            "Container has no CPU request",
            Category.RESOURCES,
            Severity.MEDIUM,
            "Without a CPU request the scheduler treats the container as needing no CPU, so nodes "
                    + "are overcommitted and the pod is the first to starve under contention.",
            "Set resources.requests.cpu to the container's typical usage (for example 100m).");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        return ContainerResources.missing(object, "requests", "cpu", "a CPU request");
    }
}
