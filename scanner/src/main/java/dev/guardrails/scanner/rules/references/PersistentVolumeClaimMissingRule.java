package dev.guardrails.scanner.rules.references;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.RuleInfo;

/** A pod mounts a PersistentVolumeClaim the app does not define. */
public final class PersistentVolumeClaimMissingRule extends MissingReferenceCheck {

    private static final RuleInfo INFO = RuleInfo.of(
            "pvc-missing",
            "Pod mounts a PersistentVolumeClaim the app does not define",
            Category.REFERENCES,
            Severity.MEDIUM,
            "A pod whose claim does not exist stays Pending forever, and with it the rollout.",
            "Add the PersistentVolumeClaim to the app (or use volumeClaimTemplates in a StatefulSet), fix the "
                    + "name, or list it under platformObjects.persistentVolumeClaims in .guardrails.yaml.")
            .withDefaultMode(Mode.WARN);

    public PersistentVolumeClaimMissingRule() {
        super("PersistentVolumeClaim");
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }
}
