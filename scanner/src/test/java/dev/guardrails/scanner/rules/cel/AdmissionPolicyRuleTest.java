package dev.guardrails.scanner.rules.cel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.parse.ManifestParser;
import dev.guardrails.scanner.rule.Bundle;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleFixtures;
import dev.guardrails.scanner.rule.Violation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class AdmissionPolicyRuleTest {

    private final AdmissionPolicyRule rule = new AdmissionPolicyRule();

    @Test
    void fixtures() {
        RuleFixtures.verify(rule);
    }

    /** The messages of the fixture's findings, as "object: message". */
    private List<String> fixtureMessages(String file) {
        Path path = RuleFixtures.fixtures(rule.id()).stream()
                .filter(p -> p.getFileName().toString().equals(file)).findFirst().orElseThrow();
        List<String> out = new ArrayList<>();
        for (RuleFixtures.Hit hit : RuleFixtures.run(rule, path)) {
            out.add(hit.object().name() + ": " + hit.violation().message());
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "fail-replicas-limit.yaml | big: ValidatingAdmissionPolicy \"replica-limit\" (binding \"replica-limit-all\", Deny): at most 5 replicas (reason: Forbidden)",
            "fail-image-registry-variables.yaml | web: ValidatingAdmissionPolicy \"internal-registry\" (binding \"internal-registry-warn\", Warn, Audit): images outside registry.example.com: busybox:1.36",
            "fail-image-registry-variables.yaml | migrate: ValidatingAdmissionPolicy \"internal-registry\" (binding \"internal-registry-warn\", Warn, Audit): images outside registry.example.com: docker.io/library/postgres:16",
            "fail-required-label-selectors.yaml | web: ValidatingAdmissionPolicy \"owner-label\" (binding \"owner-label\", Deny): needs an owner label",
            "fail-match-conditions.yaml | db: ValidatingAdmissionPolicy \"ha-replicas\" (binding \"ha-replicas\", Deny): StatefulSet default/db runs 1 replica(s); run at least 2",
            "fail-params.yaml | big: ValidatingAdmissionPolicy \"replica-limit-param\" (binding \"replica-limit-team\", Deny): replicas must be at most 3",
    })
    void fixtureMessagesNameThePolicyBindingActionAndMessage(String file, String expected) {
        assertThat(fixtureMessages(file)).contains(expected);
    }

    @Test
    void anErroringExpressionUnderFailurePolicyFailNamesTheExpressionAndTheError() {
        assertThat(fixtureMessages("fail-failure-policy.yaml")).singleElement().asString()
                .startsWith("cluster-ip: ValidatingAdmissionPolicy \"strict\" (binding \"strict\", Deny): "
                        + "expression 'object.spec.externalName.endsWith('.example.com')' failed: ")
                .contains("externalName");
    }

    private static final String POLICY = """
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicy
            metadata: {name: p}
            spec:
              %s
              matchConstraints:
                resourceRules:
                  - {apiGroups: ["*"], apiVersions: ["*"], operations: ["*"], resources: ["*"]}
              validations:
                - %s
            ---
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicyBinding
            metadata: {name: b}
            spec: {policyName: p, validationActions: [Deny]}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              labels: {team: a}
            data: {mode: prod, size: "7"}
            """;

    /** A YAML (JSON) double-quoted string. */
    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Messages for the ConfigMap under a one-validation policy, without the policy prefix. */
    private List<String> messages(String specExtra, String validation) throws Exception {
        List<ManifestObject> objects = new ManifestParser().parse(POLICY.formatted(specExtra, validation), "app/objects.yaml");
        RuleContext context = RuleContext.of(new Bundle(objects, "shop"));
        ManifestObject configMap = objects.get(2);
        return rule.check(configMap, context).stream().map(Violation::message)
                .map(m -> m.substring(m.indexOf("): ") + 3)).toList();
    }

    private List<String> messages(String specExtra, String expression, String extra) throws Exception {
        return messages(specExtra, "{expression: " + quoted(expression) + extra + "}");
    }

    static Stream<Arguments> validationCases() {
        return Stream.of(
                // expression, extra fields of the validation, expected message (null: admitted)
                Arguments.of("object.data.mode == 'prod'", "", null),
                Arguments.of("object.data.mode == 'dev'", "", "failed expression: object.data.mode == 'dev'"),
                Arguments.of("object.data.mode == 'dev'", ", message: fixed", "fixed"),
                Arguments.of("object.data.mode == 'dev'",
                        ", message: fixed, messageExpression: " + quoted("'mode is ' + object.data.mode"), "mode is prod"),
                // a messageExpression that is not a string, or fails, falls back to message
                Arguments.of("object.data.mode == 'dev'", ", message: fixed, messageExpression: '42'", "fixed"),
                Arguments.of("object.data.mode == 'dev'", ", message: fixed, messageExpression: 'object.nope'", "fixed"),
                Arguments.of("int(object.data.size) < 5", ", reason: Invalid",
                        "failed expression: int(object.data.size) < 5 (reason: Invalid)"),
                Arguments.of("request.operation == 'CREATE' && request.namespace == 'shop' && request.name == 'settings'"
                        + " && object.metadata.namespace == 'shop'", "", null),
                Arguments.of("request.kind.group == '' && request.kind.version == 'v1' && request.kind.kind == 'ConfigMap'"
                        + " && request.resource.resource == 'configmaps'", "", null),
                Arguments.of("oldObject == null && params == null && namespaceObject == null", "", null),
                Arguments.of("object.metadata.labels.team.upperAscii() == 'A'", "", null),
                Arguments.of("object.?spec.?replicas.orValue(1) == 1", "", null),
                Arguments.of("[3, 1, 2].sort() == [1, 2, 3]", "", null),
                // the API server's quantity library (KubernetesCelLibraryTest covers every function)
                Arguments.of("quantity('1Gi').isGreaterThan(quantity('1Mi'))", "", null),
                Arguments.of("quantity('1Mi').isGreaterThan(quantity('1Gi'))", "",
                        "failed expression: quantity('1Mi').isGreaterThan(quantity('1Gi'))"));
    }

    @ParameterizedTest
    @MethodSource("validationCases")
    void validations(String expression, String extra, String expected) throws Exception {
        List<String> messages = messages("", expression, extra);
        if (expected == null) {
            assertThat(messages).isEmpty();
        } else {
            assertThat(messages).containsExactly(expected);
        }
    }

    @Test
    void aNamespaceInTheScanIsTheNamespaceObject() throws Exception {
        String yaml = POLICY.formatted("", "{expression: " + quoted(
                "namespaceObject.metadata.labels['kubernetes.io/metadata.name'] == 'shop'"
                        + " && namespaceObject.metadata.labels.env == 'prod'") + "}")
                + "---\napiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {env: prod}}\n";
        List<ManifestObject> objects = new ManifestParser().parse(yaml, "app/objects.yaml");
        assertThat(rule.check(objects.get(2), RuleContext.of(new Bundle(objects, "shop")))).isEmpty();
        assertThat(rule.check(objects.get(2), RuleContext.of(new Bundle(objects, "other")))).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "failurePolicy: Fail   | object.data.missing == 'x' | 1",
            "failurePolicy: Ignore | object.data.missing == 'x' | 0",
            "failurePolicy: Fail   | object.data.mode          | 1",
            "failurePolicy: Fail   | 'object.data.mode ==='    | 1",
            "failurePolicy: Ignore | 'object.data.mode ==='    | 0",
    })
    void errorsFollowTheFailurePolicy(String failurePolicy, String expression, int findings) throws Exception {
        List<String> messages = messages(failurePolicy, expression, "");
        assertThat(messages).hasSize(findings).allMatch(m -> m.startsWith("expression '" + expression + "' failed: "));
    }

    @Test
    void variablesSeeEarlierVariablesAndAFailedOneIsNamed() throws Exception {
        String variables = """
                variables:
                    - {name: mode, expression: "object.data.mode"}
                    - {name: loud, expression: "variables.mode.upperAscii()"}
                    - {name: broken, expression: "object.data.nope"}""";
        assertThat(messages(variables, "variables.loud == 'PROD'", "")).isEmpty();
        assertThat(messages(variables, "variables.loud == 'DEV'", "")).containsExactly(
                "failed expression: variables.loud == 'DEV'");
        assertThat(messages(variables, "variables.broken == 'x'", "")).singleElement().asString()
                .startsWith("expression 'variables.broken == 'x'' failed: variable 'broken' failed: ");
    }

    private static final String PARAMS = """
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicy
            metadata: {name: p}
            spec:
              paramKind: {apiVersion: v1, kind: ConfigMap}
              matchConstraints:
                resourceRules:
                  - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}
              validations:
                - expression: "object.spec.replicas <= int(params.data.max)"
                  messageExpression: "'at most ' + params.data.max"
            ---
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicyBinding
            metadata: {name: b}
            spec:
              policyName: p
              validationActions: [Deny]
              paramRef: %s
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: limits, namespace: shop, labels: {kind: limit}}
            data: {max: "3"}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: strict, namespace: shop, labels: {kind: limit}}
            data: {max: "1"}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: limits, namespace: other}
            data: {max: "1"}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec: {replicas: 2}
            """;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // paramRef | messages for a 2-replica Deployment in namespace shop
            "{name: limits, namespace: shop} | ''",
            "{name: strict, namespace: shop} | at most 1",
            "{name: strict} | at most 1",
            "{name: limits, namespace: elsewhere} | ''",
            "{name: missing} | ''",
            "{selector: {matchLabels: {kind: limit}}} | at most 1",
            "{selector: {}} | at most 1",
            "{name: limits, namespace: other} | at most 1",
            "{name: limits} | ''",
    })
    void paramsComeFromTheObjectsTheBindingNames(String paramRef, String expected) throws Exception {
        List<ManifestObject> objects = new ManifestParser().parse(PARAMS.formatted(paramRef), "app/objects.yaml");
        List<String> messages = rule.check(objects.get(5), RuleContext.of(new Bundle(objects, "shop"))).stream()
                .map(Violation::message).map(m -> m.substring(m.indexOf("): ") + 3)).toList();
        assertThat(messages).isEqualTo(expected.isEmpty() ? List.of() : List.of(expected));
    }

    @ParameterizedTest
    @CsvSource({
            "Deployment, deployments",
            "Ingress, ingresses",
            "IngressClass, ingressclasses",
            "NetworkPolicy, networkpolicies",
            "PodSecurityPolicy, podsecuritypolicies",
            "Endpoints, endpoints",
            "EndpointSlice, endpointslices",
            "StorageClass, storageclasses",
            "Gateway, gateways",
            "HTTPRoute, httproutes",
            "PodDisruptionBudget, poddisruptionbudgets",
            "Mesh, meshes",
    })
    void kindsMapToResources(String kind, String resource) {
        assertThat(AdmissionPolicyRule.resourceOf(kind)).isEqualTo(resource);
    }

    private static final String RULES = """
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicy
            metadata: {name: p}
            spec:
              matchConstraints:
                %s
                resourceRules:
                  - %s
              validations:
                - expression: "false"
            ---
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicyBinding
            metadata: {name: b}
            spec: {policyName: p, validationActions: [Deny]}
            ---
            apiVersion: v1
            kind: Namespace
            metadata:
              name: shop
              labels: {env: prod}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels: {tier: front}
            spec: {replicas: 1}
            """;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'' | {apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]} | true",
            "'' | {apiGroups: [apps], apiVersions: [v1], operations: [UPDATE], resources: [deployments]} | true",
            "'' | {apiGroups: [apps], apiVersions: [v1], operations: [DELETE], resources: [deployments]} | false",
            "'' | {apiGroups: [apps], apiVersions: [v1], operations: ['*'], resources: ['deployments/*']} | true",
            "'' | {apiGroups: [apps], apiVersions: [v1], operations: ['*'], resources: ['deployments/scale']} | false",
            "'' | {apiGroups: [apps], apiVersions: [v1], operations: ['*'], resources: ['*/*']} | true",
            "'' | {apiGroups: [''], apiVersions: [v1], operations: ['*'], resources: [deployments]} | false",
            "'' | {apiGroups: [apps], apiVersions: [v1beta1], operations: ['*'], resources: [deployments]} | true",
            "'matchPolicy: Exact' | {apiGroups: [apps], apiVersions: [v1beta1], operations: ['*'], resources: [deployments]} | false",
            "'' | {apiGroups: [apps], apiVersions: [v1], operations: ['*'], resources: [deployments], scope: Cluster} | false",
            "'' | {apiGroups: [apps], apiVersions: [v1], operations: ['*'], resources: [deployments], resourceNames: [api]} | false",
            "'' | {apiGroups: [apps], apiVersions: [v1], operations: ['*'], resources: [deployments], resourceNames: [web]} | true",
            "'objectSelector: {matchLabels: {tier: front}}' | {apiGroups: ['*'], apiVersions: ['*'], operations: ['*'], resources: ['*']} | true",
            "'objectSelector: {matchLabels: {tier: back}}' | {apiGroups: ['*'], apiVersions: ['*'], operations: ['*'], resources: ['*']} | false",
            "'objectSelector: {matchExpressions: [{key: tier, operator: In, values: [front, back]}]}' | {apiGroups: ['*'], apiVersions: ['*'], operations: ['*'], resources: ['*']} | true",
            "'objectSelector: {matchExpressions: [{key: tier, operator: NotIn, values: [front]}]}' | {apiGroups: ['*'], apiVersions: ['*'], operations: ['*'], resources: ['*']} | false",
            "'objectSelector: {matchExpressions: [{key: tier, operator: Exists}]}' | {apiGroups: ['*'], apiVersions: ['*'], operations: ['*'], resources: ['*']} | true",
            "'namespaceSelector: {matchLabels: {env: prod}}' | {apiGroups: ['*'], apiVersions: ['*'], operations: ['*'], resources: ['*']} | true",
            "'namespaceSelector: {matchLabels: {env: dev}}' | {apiGroups: ['*'], apiVersions: ['*'], operations: ['*'], resources: ['*']} | false",
            "'namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: shop}}' | {apiGroups: ['*'], apiVersions: ['*'], operations: ['*'], resources: ['*']} | true",
            "'excludeResourceRules: [{apiGroups: [apps], apiVersions: [\"*\"], operations: [\"*\"], resources: [deployments]}]' | {apiGroups: ['*'], apiVersions: ['*'], operations: ['*'], resources: ['*']} | false",
    })
    void matching(String constraints, String resourceRule, boolean matches) throws Exception {
        List<ManifestObject> objects = new ManifestParser().parse(
                RULES.formatted(constraints == null ? "" : constraints, resourceRule), "app/objects.yaml");
        RuleContext context = RuleContext.of(new Bundle(objects, "shop"));
        assertThat(rule.check(objects.get(3), context)).hasSize(matches ? 1 : 0);
    }

    @Test
    void aNamespaceSelectorIsAssumedToMatchWhenTheNamespaceIsNotInTheScan() throws Exception {
        List<ManifestObject> objects = new ManifestParser().parse(
                RULES.formatted("namespaceSelector: {matchLabels: {env: dev}}",
                        "{apiGroups: ['*'], apiVersions: ['*'], operations: ['*'], resources: ['*']}"), "app/objects.yaml");
        RuleContext elsewhere = RuleContext.of(new Bundle(objects, "other"));
        assertThat(rule.check(objects.get(3), elsewhere)).hasSize(1);
    }

    @Test
    void policiesAndBindingsAreNotCheckedThemselves() throws Exception {
        List<ManifestObject> objects = new ManifestParser().parse(
                RULES.formatted("", "{apiGroups: ['*'], apiVersions: ['*'], operations: ['*'], resources: ['*']}"),
                "app/objects.yaml");
        RuleContext context = RuleContext.of(new Bundle(objects, "shop"));
        assertThat(rule.check(objects.get(0), context)).isEmpty();
        assertThat(rule.check(objects.get(1), context)).isEmpty();
        // The Namespace itself is cluster-scoped but matched by the wildcard rule.
        assertThat(rule.check(objects.get(2), context)).hasSize(1);
    }

    @Test
    void policiesAndBindingsOfOtherAppsApply() throws Exception {
        List<ManifestObject> objects = new ManifestParser().parse(
                RULES.formatted("", "{apiGroups: [apps], apiVersions: [v1], operations: ['*'], resources: [deployments]}"),
                "platform/objects.yaml");
        List<Bundle.Placed> platform = new Bundle(objects.subList(0, 3), "platform").placed();
        Bundle workloads = new Bundle(List.of(objects.get(3)), "shop", platform);
        assertThat(rule.check(objects.get(3), RuleContext.of(workloads))).singleElement()
                .extracting(Violation::message).asString().startsWith("ValidatingAdmissionPolicy \"p\" (binding \"b\", Deny)");
    }
}
