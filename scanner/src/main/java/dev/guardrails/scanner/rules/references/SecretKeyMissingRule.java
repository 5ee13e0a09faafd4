package dev.guardrails.scanner.rules.references;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;

/** A pod reads a key that the app's own Secret does not hold. */
public final class SecretKeyMissingRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "secret-key-missing",
            "Pod reads a key the app's Secret does not hold",
            Category.REFERENCES,
            Severity.HIGH,
            "A Secret key read by env valueFrom or a volume's items must exist unless optional: the container "
                    + "fails with CreateContainerConfigError, or the volume never mounts, so the pod never starts.",
            "Add the key to the Secret's data or stringData, fix the key name, or mark the reference optional: true.")
            .withDefaultMode(Mode.WARN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        return MissingKeys.of(object, context, "Secret");
    }
}
