package dev.guardrails.scanner.rules;

import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rules.rbac.AdmissionConfigWriteRule;
import dev.guardrails.scanner.rules.rbac.BindVerbRule;
import dev.guardrails.scanner.rules.rbac.ClusterAdminBindingRule;
import dev.guardrails.scanner.rules.rbac.CreatePodsRule;
import dev.guardrails.scanner.rules.rbac.CreateWorkloadsRule;
import dev.guardrails.scanner.rules.rbac.CsrApprovalRule;
import dev.guardrails.scanner.rules.rbac.DefaultServiceAccountBindingRule;
import dev.guardrails.scanner.rules.rbac.EscalateVerbRule;
import dev.guardrails.scanner.rules.rbac.ImpersonateRule;
import dev.guardrails.scanner.rules.rbac.NodesProxyRule;
import dev.guardrails.scanner.rules.rbac.PodExecRule;
import dev.guardrails.scanner.rules.rbac.PodPortForwardRule;
import dev.guardrails.scanner.rules.rbac.SecretReadClusterWideRule;
import dev.guardrails.scanner.rules.rbac.SecretReadNamespacedRule;
import dev.guardrails.scanner.rules.rbac.ServiceAccountTokenRule;
import dev.guardrails.scanner.rules.rbac.SystemGroupBindingRule;
import dev.guardrails.scanner.rules.rbac.WildcardApiGroupsRule;
import dev.guardrails.scanner.rules.rbac.WildcardResourcesRule;
import dev.guardrails.scanner.rules.rbac.WildcardVerbsRule;
import java.util.List;

/** RBAC least privilege: bindings first (who gets what), then what roles grant. */
final class RbacRuleSet {

    private RbacRuleSet() {
    }

    static List<Rule> rules() {
        return List.of(
                new ClusterAdminBindingRule(),
                new SystemGroupBindingRule(),
                new SecretReadClusterWideRule(),
                new DefaultServiceAccountBindingRule(),
                new WildcardVerbsRule(),
                new WildcardResourcesRule(),
                new WildcardApiGroupsRule(),
                new EscalateVerbRule(),
                new BindVerbRule(),
                new ImpersonateRule(),
                new NodesProxyRule(),
                new AdmissionConfigWriteRule(),
                new CsrApprovalRule(),
                new ServiceAccountTokenRule(),
                new PodExecRule(),
                new PodPortForwardRule(),
                new CreatePodsRule(),
                new CreateWorkloadsRule(),
                new SecretReadNamespacedRule());
    }
}
