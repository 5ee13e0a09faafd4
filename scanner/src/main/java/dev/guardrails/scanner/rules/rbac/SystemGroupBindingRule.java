package dev.guardrails.scanner.rules.rbac;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A binding grants a role to everyone, every signed-in user, or every service account. */
public final class SystemGroupBindingRule implements Rule {

    /** Subjects that stand for "everybody" in some sense. */
    private static final Set<String> BROAD = Set.of(
            "system:authenticated", "system:unauthenticated", "system:anonymous", "system:serviceaccounts");

    /** Built-in roles Kubernetes itself grants to those groups; re-declaring such a binding is harmless. */
    private static final Set<String> PUBLIC_ROLES = Set.of(
            "system:basic-user", "system:discovery", "system:public-info-viewer",
            "system:service-account-issuer-discovery");

    private static final RuleInfo INFO = RuleInfo.of(
            "rbac-system-group-binding",
            "Binding grants a role to all users or all service accounts",
            Category.RBAC,
            Severity.CRITICAL,
            "system:unauthenticated and system:anonymous are anyone who reaches the API server; "
                    + "system:authenticated includes every account of every identity provider and every "
                    + "service account, so the role is granted to attackers as soon as they get any foothold.",
            "Bind the role to the specific users, groups or service accounts that need it.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        if (!Rbac.isBinding(object) || PUBLIC_ROLES.contains(object.at("roleRef.name").asText(""))) {
            return List.of();
        }
        List<Violation> out = new ArrayList<>();
        for (Rbac.Subject s : Rbac.subjects(object, context.bundle())) {
            if ((s.kind().equals("Group") || s.kind().equals("User")) && BROAD.contains(s.name())) {
                out.add(new Violation(s.path() + ".name", object.kind() + " \"" + object.name() + "\" grants "
                        + object.at("roleRef.kind").asText("") + " \"" + object.at("roleRef.name").asText("")
                        + "\" to " + s.kind().toLowerCase(java.util.Locale.ROOT) + " " + s.name()));
            }
        }
        return out;
    }
}
