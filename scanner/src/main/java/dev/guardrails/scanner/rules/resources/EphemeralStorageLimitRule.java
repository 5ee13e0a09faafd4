package dev.guardrails.scanner.rules.resources;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;

/** Every scheduled container limits ephemeral storage. */
public final class EphemeralStorageLimitRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "ephemeral-storage-limit-missing",
            "Container has no ephemeral-storage limit",
            Category.RESOURCES,
            Severity.LOW,
            "A container that writes logs or temporary files without a limit can fill the node's "
                    + "disk, and disk pressure evicts every pod on that node, not just the one writing.",
            "Set resources.limits.ephemeral-storage, for example 1Gi; the kubelet then evicts only "
                    + "the pod that exceeds it.").withDefaultMode(Mode.AUDIT);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        return ContainerResources.missing(object, "limits", "ephemeral-storage", "an ephemeral-storage limit");
    }
}
