package dev.guardrails.scanner.rules.references;

import static org.assertj.core.api.Assertions.assertThatCode;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rules.BuiltinRules;
import dev.guardrails.scanner.rules.availability.InlineRun;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RBAC and reference rules read fields of other objects; lists written as maps or scalars, nulls and
 * wrong types (hostile or broken input the API server would reject) must not make a rule throw.
 */
class MalformedShapesTest {

    private static final String MALFORMED = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: r, labels: {a: b}}
            aggregationRule: {clusterRoleSelectors: {a: b}}
            rules: {verbs: "*"}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: r2}
            rules: [null, 3, {apiGroups: "", resources: secrets, verbs: get, resourceNames: {}}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: b}
            roleRef: [r]
            subjects: {kind: Group, name: system:authenticated}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: b2}
            roleRef: {kind: ClusterRole, name: r}
            subjects: [null, {kind: ServiceAccount}]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              replicas: many
              selector: [app]
              template:
                metadata: {labels: [x]}
                spec:
                  serviceAccountName: {a: b}
                  volumes: {a: {configMap: {name: x}}}
                  containers:
                    - name: c
                      env: {A: {valueFrom: {secretKeyRef: {name: s}}}}
                      envFrom: [null, {configMapRef: null}]
                      volumeMounts: "x"
                      ports: {http: 80}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: s}
            spec: {selector: [a], ports: {p: 1}}
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: i}
            spec:
              defaultBackend: {service: {name: [x], port: 80}}
              rules: {http: {paths: []}}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: h}
            spec: {rules: [{backendRefs: {name: s}}, null]}
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: p}
            spec: {minAvailable: [1], maxUnavailable: null, selector: {matchExpressions: {key: a}}}
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: h}
            spec: {scaleTargetRef: [Deployment]}
            ---
            apiVersion: monitoring.coreos.com/v1
            kind: ServiceMonitor
            metadata: {name: m}
            spec: {selector: [a], namespaceSelector: {matchNames: x}}
            """;

    static Stream<Arguments> rules() {
        return BuiltinRules.all().stream()
                .filter(r -> r.info().category() == Category.RBAC || r.info().category() == Category.REFERENCES)
                .map(r -> Arguments.of(r.id(), r));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void malformedNeighboursDoNotBreakTheRule(String id, Rule rule) {
        assertThatCode(() -> InlineRun.check(rule, MALFORMED)).doesNotThrowAnyException();
    }
}
