package dev.guardrails.scanner.rules.schema;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import dev.guardrails.scanner.schema.BuiltinValidator;
import dev.guardrails.scanner.schema.KubeSchemas;
import dev.guardrails.scanner.schema.SchemaProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * Objects of built-in kinds are valid against the target Kubernetes version's API schema
 * ({@code kubeVersion} in {@code .guardrails.yaml}).
 */
public final class SchemaInvalidRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "schema-invalid",
            "Object does not match the Kubernetes API schema",
            Category.SCHEMA,
            Severity.HIGH,
            "The API server rejects an object with an unknown field, a value of the wrong type (an "
                    + "unquoted number as an env value, a string where a boolean belongs), a missing "
                    + "required field or a malformed quantity, and Argo CD's sync of the whole app fails "
                    + "on it.",
            "Fix the field named in the finding: check its spelling and indentation against "
                    + "kubectl explain for the target version, and quote values that must be strings.");

    /** The tables are read on first use, once per rule instance. */
    private final KubeSchemas schemas = new KubeSchemas();

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        KubeSchemas.Selected selected = schemas.forVersion(context.settings().kubeVersion());
        ApiTypes.Resolution resolution = ApiTypes.resolve(object, context.bundle(), selected);
        List<Violation> out = new ArrayList<>();
        if (resolution instanceof ApiTypes.Builtin b) {
            for (SchemaProblem p : new BuiltinValidator(b.schema(), b.exact()).validate(object.raw(), b.typeId())) {
                out.add(new Violation(p.path(), object.kind() + " \"" + object.name() + "\": " + p.message()));
            }
        } else if (resolution instanceof ApiTypes.BuiltinUnserved u) {
            out.add(new Violation("apiVersion", object.kind() + " \"" + object.name() + "\": " + u.reason()));
        }
        return out;
    }
}
