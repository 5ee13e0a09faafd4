package dev.guardrails.scanner.rules.schema;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import dev.guardrails.scanner.schema.CrdValidator;
import dev.guardrails.scanner.schema.KubeSchemas;
import dev.guardrails.scanner.schema.SchemaProblem;
import java.util.ArrayList;
import java.util.List;

/** Custom resources are valid against the CRD found in the same scan (this app or another). */
public final class CustomResourceInvalidRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "custom-resource-invalid",
            "Custom resource does not match its CRD schema",
            Category.SCHEMA,
            Severity.HIGH,
            "The API server validates custom resources against the openAPIV3Schema of their CRD "
                    + "version and rejects unknown fields, wrong types, values outside an enum and missing "
                    + "required fields, so the sync fails; a version the CRD does not serve is rejected too.",
            "Fix the field named in the finding against the CRD's schema (kubectl explain works for "
                    + "custom resources too), or use an apiVersion the CRD serves.");

    private final KubeSchemas schemas = new KubeSchemas();

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        ApiTypes.Resolution resolution = ApiTypes.resolve(object, context.bundle(),
                schemas.forVersion(context.settings().kubeVersion()));
        List<Violation> out = new ArrayList<>();
        String name = object.kind() + " \"" + object.name() + "\": ";
        if (resolution instanceof ApiTypes.Custom c && c.schema().isObject()) {
            for (SchemaProblem p : CrdValidator.validate(object.raw(), c.schema())) {
                out.add(new Violation(p.path(), name + p.message()));
            }
        } else if (resolution instanceof ApiTypes.CustomUnserved u) {
            out.add(new Violation("apiVersion", name + u.reason()));
        }
        return out;
    }
}
