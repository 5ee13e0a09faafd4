package dev.guardrails.scanner.rules.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.model.FieldPath;
import java.util.ArrayList;
import java.util.List;

/**
 * One PolicyRule of a Role or ClusterRole, as the RBAC authorizer reads it.
 *
 * @param path          field path of the rule, e.g. {@code rules[2]}; empty for built-in roles
 * @param apiGroups     as written ({@code ""} is the core group, {@code *} any)
 * @param resources     as written ({@code pods/exec}, {@code *}, {@code * /scale})
 * @param verbs         as written
 * @param resourceNames as written; non-empty narrows the grant to named objects
 */
public record Grant(String path, List<String> apiGroups, List<String> resources, List<String> verbs,
                    List<String> resourceNames) {

    public static final String ANY = "*";

    public Grant {
        apiGroups = List.copyOf(apiGroups);
        resources = List.copyOf(resources);
        verbs = List.copyOf(verbs);
        resourceNames = List.copyOf(resourceNames);
    }

    /** Reads {@code rules[index]} of a role. */
    static Grant read(JsonNode rule, String path) {
        return new Grant(path, strings(rule.path("apiGroups")), strings(rule.path("resources")),
                strings(rule.path("verbs")), strings(rule.path("resourceNames")));
    }

    /** Whether the rule allows {@code verb} on {@code resource} (with subresource) in {@code group}. */
    public boolean allows(String group, String resource, String verb) {
        return (apiGroups.contains(group) || apiGroups.contains(ANY))
                && matchesResource(resource) && (verbs.contains(verb) || verbs.contains(ANY));
    }

    /** Whether {@code resource} is covered, the way the authorizer matches {@code *} and {@code * /sub}. */
    public boolean matchesResource(String resource) {
        for (String r : resources) {
            if (r.equals(ANY) || r.equals(resource)) {
                return true;
            }
            int slash = resource.indexOf('/');
            if (slash > 0 && r.equals("*" + resource.substring(slash))) {
                return true;
            }
        }
        return false;
    }

    /** Index of {@code resource} written out by name (not through a wildcard), or -1. */
    public int namedResource(String resource) {
        return resources.indexOf(resource);
    }

    /** Path of the {@code i}-th entry of a list field of this rule, e.g. {@code rules[0].verbs[1]}. */
    public String field(String list, int i) {
        String p = FieldPath.key(path, list);
        return i < 0 ? p : FieldPath.index(p, i);
    }

    public boolean narrowedByName() {
        return !resourceNames.isEmpty();
    }

    /** Elements of a list field; anything but a list (hostile or broken input) has none. */
    static int length(JsonNode node) {
        return node != null && node.isArray() ? node.size() : 0;
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.isNull() ? "" : n.asText()));
        } else if (node.isValueNode() && !node.isNull()) {
            out.add(node.asText());
        }
        return out;
    }
}
