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

/**
 * Secrets of a namespace are readable through a Role, or through a RoleBinding to a ClusterRole of
 * the app that reads Secrets (which grants it in the binding's namespace only).
 */
public final class SecretReadNamespacedRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "rbac-secret-read-namespaced",
            "Role reads Secrets in its namespace",
            Category.RBAC,
            Severity.LOW,
            "get, list or watch on secrets reveals every credential of the namespace, service-account tokens "
                    + "included, to whoever holds the role; list and watch return the values, not only names.",
            "Limit the rule to the Secrets the workload needs with resourceNames, or mount the Secret into "
                    + "the pod instead of reading it through the API.")
            .withDefaultMode(Mode.AUDIT);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        if (object.kind().equals("Role")) {
            for (Grant grant : Rbac.writtenGrants(object)) {
                if (!grant.narrowedByName()) {
                    GrantCheck.namedResource(object, grant, "", List.of("secrets"), List.of("get", "list", "watch"),
                            "reads Secrets of its namespace").ifPresent(out::add);
                }
            }
        } else if (object.kind().equals("RoleBinding") && Rbac.isBinding(object)
                && object.at("roleRef.kind").asText("").equals("ClusterRole")) {
            Rbac.Granted granted = Rbac.granted(object, context.bundle());
            // admin and edit exist to be bound per namespace to its team; only the app's own roles are judged.
            if (!granted.builtin() && Rbac.readsSecrets(granted.grants())) {
                out.add(new Violation("roleRef.name", "RoleBinding \"" + object.name() + "\" grants "
                        + granted.description() + ", which reads Secrets, in namespace \""
                        + context.bundle().namespaceOf(object) + "\""));
            }
        }
        return out;
    }
}
