package dev.guardrails.scanner.rule;

/** What a rule may look at besides the object under check. */
public record RuleContext(Bundle bundle, RuleSettings settings) {

    public static RuleContext of(Bundle bundle) {
        return new RuleContext(bundle, RuleSettings.defaults());
    }
}
