package dev.guardrails.scanner.rules.references;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.RuleInfo;

/** A pod refers to a ConfigMap the app does not define. */
public final class ConfigMapMissingRule extends MissingReferenceCheck {

    private static final RuleInfo INFO = RuleInfo.of(
            "configmap-missing",
            "Pod refers to a ConfigMap the app does not define",
            Category.REFERENCES,
            Severity.MEDIUM,
            "A pod whose volume or env refers to a missing ConfigMap stays in ContainerCreating or "
                    + "CreateContainerConfigError, so the rollout stalls after Argo CD reports the sync as done.",
            "Add the ConfigMap to the app, fix the name, mark the reference optional: true, or list the name "
                    + "under platformObjects.configMaps in .guardrails.yaml when the platform provides it.")
            .withDefaultMode(Mode.WARN);

    public ConfigMapMissingRule() {
        super("ConfigMap");
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }
}
