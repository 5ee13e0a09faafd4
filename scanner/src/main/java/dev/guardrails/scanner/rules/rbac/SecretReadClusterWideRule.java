package dev.guardrails.scanner.rules.rbac;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;

/** A ClusterRoleBinding grants a role that reads Secrets in every namespace. */
public final class SecretReadClusterWideRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "rbac-secret-read-cluster-wide",
            "ClusterRoleBinding grants reading Secrets in every namespace",
            Category.RBAC,
            Severity.HIGH,
            "Read access to Secrets across the cluster exposes every tenant's credentials and every "
                    + "service-account token, which is one step from cluster-admin.",
            "Bind the role with RoleBindings in the namespaces that need it, and narrow it with resourceNames "
                    + "to the Secrets the workload reads.")
            .withDefaultMode(Mode.WARN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        if (!object.kind().equals("ClusterRoleBinding") || !Rbac.isBinding(object)) {
            return List.of();
        }
        Rbac.Granted granted = Rbac.granted(object, context.bundle());
        // cluster-admin has its own rule; one finding per binding is enough.
        if (!Rbac.readsSecrets(granted.grants()) || ClusterAdminBindingRule.isClusterAdmin(object, granted)) {
            return List.of();
        }
        return List.of(new Violation("roleRef.name", "ClusterRoleBinding \"" + object.name() + "\" grants "
                + granted.description() + ", which reads Secrets, in every namespace"));
    }
}
