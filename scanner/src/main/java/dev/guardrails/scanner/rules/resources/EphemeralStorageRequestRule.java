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

/** Every scheduled container requests ephemeral storage. */
public final class EphemeralStorageRequestRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "ephemeral-storage-request-missing",
            "Container has no ephemeral-storage request",
            Category.RESOURCES,
            Severity.LOW,
            "Logs, emptyDir volumes and the writable layer use the node's disk; without a request "
                    + "the scheduler packs pods onto nodes whose disk they then fill, and those pods are "
                    + "the first evicted under disk pressure.",
            "Set resources.requests.ephemeral-storage to what the container writes locally, for example 256Mi.")
            .withDefaultMode(Mode.AUDIT);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        return ContainerResources.missing(object, "requests", "ephemeral-storage", "an ephemeral-storage request");
    }
}
