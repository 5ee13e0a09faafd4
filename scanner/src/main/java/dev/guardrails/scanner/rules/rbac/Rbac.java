package dev.guardrails.scanner.rules.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.model.FieldPath;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.rule.Bundle;
import dev.guardrails.scanner.rules.availability.Workloads;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Roles, bindings and what a binding grants, resolved within one app. ClusterRole aggregation is
 * followed as the controller does it: an aggregated role's own {@code rules} are overwritten by the
 * union of the rules of every ClusterRole whose labels match one of its selectors, and the built-in
 * {@code admin}, {@code edit} and {@code view} roles absorb app roles labelled
 * {@code rbac.authorization.k8s.io/aggregate-to-<role>: "true"}.
 */
public final class Rbac {

    static final String GROUP = "rbac.authorization.k8s.io";

    /** The built-in roles a binding may name without the app defining them, with what they grant. */
    private static final Map<String, List<Grant>> BUILTIN = Map.of(
            "cluster-admin", List.of(new Grant("", List.of("*"), List.of("*"), List.of("*"), List.of())),
            "admin", List.of(workloadAccess()),
            "edit", List.of(workloadAccess()),
            "view", List.of());

    /** Which built-in roles absorb roles labelled aggregate-to-X: edit contains view, admin contains edit. */
    private static final Map<String, List<String>> BUILTIN_AGGREGATES = Map.of(
            "admin", List.of("admin", "edit", "view"),
            "edit", List.of("edit", "view"),
            "view", List.of("view"));

    private Rbac() {
    }

    public static boolean isRole(ManifestObject object) {
        return (object.kind().equals("Role") || object.kind().equals("ClusterRole")) && isRbacApi(object);
    }

    public static boolean isBinding(ManifestObject object) {
        return (object.kind().equals("RoleBinding") || object.kind().equals("ClusterRoleBinding")) && isRbacApi(object);
    }

    private static boolean isRbacApi(ManifestObject object) {
        return object.apiVersion().startsWith(GROUP + "/");
    }

    /** Whether the aggregation controller owns this ClusterRole's rules. */
    public static boolean isAggregated(ManifestObject role) {
        return role.kind().equals("ClusterRole") && role.at("aggregationRule").isObject();
    }

    /**
     * The rules written in a role, each with its path. An aggregated ClusterRole's written rules are
     * replaced by the controller, so it has none of its own here.
     */
    public static List<Grant> writtenGrants(ManifestObject role) {
        List<Grant> out = new ArrayList<>();
        if (!isRole(role) || isAggregated(role)) {
            return out;
        }
        JsonNode rules = role.at("rules");
        for (int i = 0; i < Grant.length(rules); i++) {
            out.add(Grant.read(rules.get(i), FieldPath.index("rules", i)));
        }
        return out;
    }

    /** What a binding grants, as far as the app shows it. */
    public record Granted(String description, List<Grant> grants, boolean known) {

        /** Whether the role is one of Kubernetes' own user-facing ClusterRoles. */
        public boolean builtin() {
            return description.startsWith("built-in ");
        }
    }

    /**
     * The grants behind a binding's {@code roleRef}: the role of the app (aggregates resolved), a
     * built-in ClusterRole, or unknown (defined outside the app).
     */
    public static Granted granted(ManifestObject binding, Bundle bundle) {
        JsonNode roleRef = binding.at("roleRef");
        String kind = roleRef.path("kind").asText("");
        String name = roleRef.path("name").asText("");
        if (kind.equals("Role")) {
            for (ManifestObject role : bundle.ofKindInNamespace("Role", bundle.namespaceOf(binding))) {
                if (role.name().equals(name) && isRbacApi(role)) {
                    return new Granted("Role \"" + name + "\"", writtenGrants(role), true);
                }
            }
            return new Granted("Role \"" + name + "\"", List.of(), false);
        }
        if (!kind.equals("ClusterRole")) {
            return new Granted(kind + " \"" + name + "\"", List.of(), false);
        }
        Optional<ManifestObject> role = clusterRole(bundle, name);
        List<Grant> grants = new ArrayList<>();
        if (role.isPresent()) {
            collect(role.get(), bundle, grants, new LinkedHashSet<>());
            String how = isAggregated(role.get()) ? " (aggregated)" : "";
            return new Granted("ClusterRole \"" + name + "\"" + how, grants, true);
        }
        if (BUILTIN.containsKey(name)) {
            grants.addAll(BUILTIN.get(name));
            for (String level : BUILTIN_AGGREGATES.getOrDefault(name, List.of())) {
                for (ManifestObject member : bundle.ofKind("ClusterRole")) {
                    if ("true".equals(member.labels().get(GROUP + "/aggregate-to-" + level))) {
                        collect(member, bundle, grants, new LinkedHashSet<>());
                    }
                }
            }
            return new Granted("built-in ClusterRole \"" + name + "\"", grants, true);
        }
        return new Granted("ClusterRole \"" + name + "\"", List.of(), false);
    }

    static Optional<ManifestObject> clusterRole(Bundle bundle, String name) {
        return bundle.ofKind("ClusterRole").stream().filter(r -> r.name().equals(name) && isRbacApi(r)).findFirst();
    }

    private static void collect(ManifestObject role, Bundle bundle, List<Grant> out, Set<String> visited) {
        if (!visited.add(role.name())) {
            return;
        }
        if (!isAggregated(role)) {
            out.addAll(writtenGrants(role));
            return;
        }
        for (JsonNode selector : role.at("aggregationRule.clusterRoleSelectors")) {
            for (ManifestObject member : bundle.ofKind("ClusterRole")) {
                if (member != role && isRbacApi(member) && Workloads.selects(selector, member.labels())) {
                    collect(member, bundle, out, visited);
                }
            }
        }
    }

    /** The subjects of a binding with their paths. */
    public record Subject(String kind, String name, String namespace, String path) {
    }

    public static List<Subject> subjects(ManifestObject binding, Bundle bundle) {
        List<Subject> out = new ArrayList<>();
        JsonNode subjects = binding.at("subjects");
        for (int i = 0; i < Grant.length(subjects); i++) {
            JsonNode s = subjects.get(i);
            String kind = s.path("kind").asText("");
            String ns = s.path("namespace").asText("");
            if (ns.isEmpty() && kind.equals("ServiceAccount") && binding.kind().equals("RoleBinding")) {
                ns = bundle.namespaceOf(binding);
            }
            out.add(new Subject(kind, s.path("name").asText(""), ns, FieldPath.index("subjects", i)));
        }
        return out;
    }

    /** Whether any grant lets its holder read Secrets (get, list or watch, not narrowed to named ones). */
    public static boolean readsSecrets(List<Grant> grants) {
        return grants.stream().anyMatch(g -> !g.narrowedByName()
                && (g.allows("", "secrets", "get") || g.allows("", "secrets", "list") || g.allows("", "secrets", "watch")));
    }

    /** admin and edit: read and write most namespaced objects, Secrets and pod exec included. */
    private static Grant workloadAccess() {
        return new Grant("", List.of("", "apps", "batch", "autoscaling", "networking.k8s.io", "policy"),
                List.of("pods", "pods/exec", "pods/attach", "pods/portforward", "pods/proxy", "secrets", "configmaps",
                        "services", "serviceaccounts", "persistentvolumeclaims", "deployments", "statefulsets",
                        "daemonsets", "replicasets", "jobs", "cronjobs", "ingresses"),
                List.of("get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"), List.of());
    }
}
