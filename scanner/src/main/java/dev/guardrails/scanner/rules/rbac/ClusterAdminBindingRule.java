package dev.guardrails.scanner.rules.rbac;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;

/** A binding grants cluster-admin, or a role that allows everything. */
public final class ClusterAdminBindingRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "rbac-cluster-admin-binding",
            "Binding grants cluster-admin",
            Category.RBAC,
            Severity.CRITICAL,
            "cluster-admin (or any role allowing every verb on every resource) lets the subject do anything, "
                    + "so one leaked token or compromised pod owns the whole cluster.",
            "Bind a role that lists the resources and verbs the subject needs; keep cluster-admin for "
                    + "break-glass accounts managed outside application repos.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        if (!Rbac.isBinding(object)) {
            return List.of();
        }
        Rbac.Granted granted = Rbac.granted(object, context.bundle());
        if (!isClusterAdmin(object, granted)) {
            return List.of();
        }
        String scope = object.kind().equals("ClusterRoleBinding")
                ? "in every namespace" : "in namespace \"" + context.bundle().namespaceOf(object) + "\"";
        String what = object.at("roleRef.name").asText("").equals("cluster-admin")
                ? "cluster-admin" : granted.description() + ", which allows every verb on every resource,";
        return List.of(new Violation("roleRef.name", object.kind() + " \"" + object.name() + "\" grants " + what
                + " " + scope));
    }

    static boolean isClusterAdmin(ManifestObject binding, Rbac.Granted granted) {
        if (binding.at("roleRef.kind").asText("").equals("ClusterRole")
                && binding.at("roleRef.name").asText("").equals("cluster-admin")) {
            return true;
        }
        return granted.grants().stream().anyMatch(g -> g.apiGroups().contains(Grant.ANY)
                && g.resources().contains(Grant.ANY) && g.verbs().contains(Grant.ANY) && !g.narrowedByName());
    }
}
