package dev.guardrails.scanner.rules.references;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.RuleInfo;

/** A pod refers to a Secret the app neither defines nor generates. */
public final class SecretMissingRule extends MissingReferenceCheck {

    private static final RuleInfo INFO = RuleInfo.of(
            "secret-missing",
            "Pod refers to a Secret the app does not define or generate",
            Category.REFERENCES,
            Severity.MEDIUM,
            "A pod whose volume or env refers to a missing Secret never starts; Secrets are often created "
                    + "outside Git, so this is reported for review rather than shown to authors by default.",
            "Add the Secret's source to the app (SealedSecret, ExternalSecret, Certificate, ...), fix the name, "
                    + "mark the reference optional: true, or list it under platformObjects.secrets in .guardrails.yaml.")
            .withDefaultMode(Mode.AUDIT);

    public SecretMissingRule() {
        super("Secret");
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }
}
