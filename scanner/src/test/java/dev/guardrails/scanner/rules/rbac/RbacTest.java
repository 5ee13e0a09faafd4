package dev.guardrails.scanner.rules.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.rule.Bundle;
import dev.guardrails.scanner.rules.availability.InlineRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Resolving what a binding grants: app roles, aggregates (nested, cyclic), built-ins, unknown roles. */
class RbacTest {

    private static final String ROLES = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: outer}
            aggregationRule:
              clusterRoleSelectors: [{matchLabels: {to: outer}}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: inner, labels: {to: outer}}
            aggregationRule:
              clusterRoleSelectors: [{matchLabels: {to: inner}}, {matchLabels: {to: outer}}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: leaf, labels: {to: inner}}
            rules: [{apiGroups: [""], resources: [secrets], verbs: [watch]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: local, namespace: shop}
            rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
            """;

    private static Rbac.Granted grantedBy(String roleKind, String roleName, String bindingNamespace) {
        String binding = """
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: b, namespace: %s}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: %s, name: %s}
                """.formatted(bindingNamespace, roleKind, roleName);
        List<ManifestObject> objects = InlineRun.parse(ROLES + binding);
        return Rbac.granted(objects.get(objects.size() - 1), new Bundle(objects, "default"));
    }

    @Test
    void nestedAndCyclicAggregatesResolveToTheirLeaves() {
        Rbac.Granted granted = grantedBy("ClusterRole", "outer", "shop");
        assertThat(granted.known()).isTrue();
        assertThat(granted.grants()).hasSize(1);
        assertThat(Rbac.readsSecrets(granted.grants())).isTrue();
    }

    @Test
    void roleIsLookedUpInTheBindingsNamespaceOnly() {
        assertThat(grantedBy("Role", "local", "shop").grants()).hasSize(1);
        assertThat(grantedBy("Role", "local", "other").known()).isFalse();
    }

    @Test
    void builtInRolesAreKnownAndOthersAreNot() {
        assertThat(Rbac.readsSecrets(grantedBy("ClusterRole", "edit", "shop").grants())).isTrue();
        assertThat(Rbac.readsSecrets(grantedBy("ClusterRole", "view", "shop").grants())).isFalse();
        assertThat(grantedBy("ClusterRole", "somebody-elses", "shop").known()).isFalse();
    }
}
