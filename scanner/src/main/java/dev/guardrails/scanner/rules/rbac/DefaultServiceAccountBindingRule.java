package dev.guardrails.scanner.rules.rbac;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.ArrayList;
import java.util.List;

/** A binding grants permissions to a namespace's default ServiceAccount. */
public final class DefaultServiceAccountBindingRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "rbac-default-service-account-binding",
            "Binding grants permissions to the default service account",
            Category.RBAC,
            Severity.MEDIUM,
            "Every pod of the namespace that names no service account runs as default, so a permission "
                    + "granted to it is silently granted to all of them, including pods added later by other teams.",
            "Create a dedicated ServiceAccount for the workload, bind the role to it and set "
                    + "spec.serviceAccountName in the pod template.")
            .withDefaultMode(Mode.WARN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        if (!Rbac.isBinding(object)) {
            return List.of();
        }
        List<Violation> out = new ArrayList<>();
        for (Rbac.Subject s : Rbac.subjects(object, context.bundle())) {
            if (s.kind().equals("ServiceAccount") && s.name().equals("default")) {
                out.add(new Violation(s.path() + ".name", object.kind() + " \"" + object.name() + "\" grants "
                        + object.at("roleRef.kind").asText("") + " \"" + object.at("roleRef.name").asText("")
                        + "\" to the default service account of namespace \""
                        + (s.namespace().isEmpty() ? "?" : s.namespace()) + "\""));
            }
        }
        return out;
    }
}
