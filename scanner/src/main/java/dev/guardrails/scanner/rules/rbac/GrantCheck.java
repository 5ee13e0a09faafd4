package dev.guardrails.scanner.rules.rbac;

import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A rule judging each PolicyRule written in a Role or ClusterRole. An aggregated ClusterRole is
 * judged through the roles it aggregates, which are checked on their own lines.
 */
abstract class GrantCheck implements Rule {

    /** The violation a rule entry of {@code role} causes, if any. */
    abstract Optional<Violation> check(ManifestObject role, Grant grant);

    @Override
    public final List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        for (Grant grant : Rbac.writtenGrants(object)) {
            check(object, grant).ifPresent(out::add);
        }
        return out;
    }

    /** How messages name the role: {@code ClusterRole "x"}. */
    static String describe(ManifestObject role) {
        return role.kind() + " \"" + role.name() + "\"";
    }

    /**
     * A violation at the first resource among {@code resources} the grant names explicitly and lets
     * its holder use with one of {@code verbs}; wildcard resources are left to
     * {@code rbac-wildcard-resources}, so one over-broad rule is reported once.
     */
    static Optional<Violation> namedResource(ManifestObject role, Grant grant, String group, List<String> resources,
                                             List<String> verbs, String what) {
        for (String resource : resources) {
            int index = grant.namedResource(resource);
            if (index < 0) {
                continue;
            }
            for (String verb : verbs) {
                if (grant.allows(group, resource, verb)) {
                    return Optional.of(new Violation(grant.field("resources", index),
                            describe(role) + " " + what + " (" + verb + " on " + resource + ")"));
                }
            }
        }
        return Optional.empty();
    }

    /** A violation at {@code verb} when the grant names it explicitly; {@code *} is left to rbac-wildcard-verbs. */
    static Optional<Violation> namedVerb(ManifestObject role, Grant grant, String verb, String group,
                                         List<String> resources, String what) {
        int index = grant.verbs().indexOf(verb);
        if (index < 0) {
            return Optional.empty();
        }
        for (String resource : resources) {
            if (grant.allows(group, resource, verb)) {
                return Optional.of(new Violation(grant.field("verbs", index),
                        describe(role) + " " + what + " (" + verb + " on " + resource + ")"));
            }
        }
        return Optional.empty();
    }
}
