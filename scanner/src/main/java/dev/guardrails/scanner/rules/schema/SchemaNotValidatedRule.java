package dev.guardrails.scanner.rules.schema;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import dev.guardrails.scanner.schema.KubeSchemas;
import java.util.List;

/**
 * Custom resources whose CRD is not in the scan cannot be validated; the report says so instead of
 * passing them silently. One finding per apiVersion and kind per app, on its first object.
 */
public final class SchemaNotValidatedRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "schema-not-validated",
            "Custom resource has no CRD in the scan, so its schema was not checked",
            Category.SCHEMA,
            Severity.LOW,
            "Without its CustomResourceDefinition the scanner cannot tell a misspelt field from a "
                    + "valid one, so the object is listed as unchecked rather than reported as passing.",
            "Scan the app or repository that installs the CRD together with this one (for example the "
                    + "operator's chart), or accept the gap with an exemption for this kind.")
            .withDefaultMode(Mode.AUDIT);

    private final KubeSchemas schemas = new KubeSchemas();

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        if (object.apiVersion().isEmpty() || object.kind().isEmpty()) {
            return List.of();
        }
        ApiTypes.Resolution resolution = ApiTypes.resolve(object, context.bundle(),
                schemas.forVersion(context.settings().kubeVersion()));
        if (!(resolution instanceof ApiTypes.Unknown) || !isFirstOfItsType(object, context)) {
            return List.of();
        }
        return List.of(new Violation("apiVersion", object.apiVersion() + " " + object.kind()
                + " was not schema-checked: no CustomResourceDefinition for it in the scan"));
    }

    private static boolean isFirstOfItsType(ManifestObject object, RuleContext context) {
        for (ManifestObject o : context.bundle().ofKind(object.kind())) {
            if (o.apiVersion().equals(object.apiVersion())) {
                return o == object;
            }
        }
        return true;
    }
}
