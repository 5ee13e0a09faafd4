package dev.guardrails.scanner.rules.cel;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.Severity;
import java.util.List;
import java.util.Objects;

/**
 * A custom rule as declared under {@code customRules:} in {@code .guardrails.yaml}, before its
 * expression is compiled. {@link dev.guardrails.scanner.config.ConfigLoader} validates each field
 * and names it in errors; {@link CelCheck#compile} turns the spec into a rule.
 *
 * @param id          kebab-case id, distinct from every built-in id
 * @param title       one line shown in reports
 * @param category    checklist area, so category modes and profiles apply
 * @param severity    severity of its findings
 * @param kinds       object kinds the rule checks; empty checks every kind
 * @param expression  CEL that is {@code true} for a compliant object
 * @param message     finding message when the expression is {@code false}
 * @param path        {@link dev.guardrails.scanner.model.FieldPath} the finding points at; empty for the object
 * @param rationale   why the rule exists
 * @param remediation what to change, ending with a period
 */
public record CustomRuleSpec(String id, String title, Category category, Severity severity, List<String> kinds,
                             String expression, String message, String path, String rationale,
                             String remediation) {

    /** The rationale of a rule that does not give one. */
    public static final String DEFAULT_RATIONALE = "A custom rule of this repository's .guardrails.yaml.";

    public CustomRuleSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(remediation, "remediation");
        category = category == null ? Category.METADATA : category;
        severity = severity == null ? Severity.MEDIUM : severity;
        kinds = kinds == null ? List.of() : List.copyOf(kinds);
        message = message == null || message.isBlank() ? title : message;
        path = path == null ? "" : path;
        rationale = rationale == null || rationale.isBlank() ? DEFAULT_RATIONALE : rationale;
    }
}
