package dev.guardrails.scanner.rules.cel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.parse.ManifestParser;
import dev.guardrails.scanner.rule.Bundle;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The API server's CEL libraries, each used by a ValidatingAdmissionPolicy evaluated offline: every
 * expression below is true on a Kubernetes 1.34 API server for the ConfigMap of {@link #POLICY}, so
 * the policy admits it; negating it must deny it, which shows the expression is really evaluated
 * and not skipped.
 */
class KubernetesCelLibraryTest {

    private static final String POLICY = """
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicy
            metadata: {name: p}
            spec:
              failurePolicy: Fail
              matchConstraints:
                resourceRules:
                  - {apiGroups: [""], apiVersions: [v1], operations: ["*"], resources: [configmaps]}
              validations:
                - expression: %s
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
              labels: {team: shop-core}
            data:
              size: "7"
              endpoint: https://api.example.com:8443/v1/items?page=2&tag=a&tag=b
              limits: 500m,1Gi,2
            """;

    private final AdmissionPolicyRule rule = new AdmissionPolicyRule();

    private List<Violation> check(String expression) throws Exception {
        String quoted = "\"" + expression.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        List<ManifestObject> objects = new ManifestParser().parse(POLICY.formatted(quoted), "app/objects.yaml");
        return rule.check(objects.get(2), RuleContext.of(new Bundle(objects, "shop")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // strings extension
            "'a,b,c'.split(',') == ['a', 'b', 'c']",
            "object.metadata.labels.team.replace('-', '_') == 'shop_core'",
            "object.metadata.labels.team.substring(0, 4) == 'shop'",
            "'ShOp'.lowerAscii() == 'shop' && 'shop'.upperAscii() == 'SHOP'",
            "'  x '.trim() == 'x'",
            "['a', 'b'].join('-') == 'a-b'",
            "'abca'.indexOf('c') == 2 && 'abca'.lastIndexOf('a') == 3 && 'abc'.charAt(1) == 'b'",
            // quantity
            "quantity('1Gi').isGreaterThan(quantity('1Mi')) && quantity('500m').isLessThan(quantity('1'))",
            "quantity('1Gi') == quantity('1024Mi') && quantity('1Gi').compareTo(quantity('1024Mi')) == 0",
            "quantity('2k').asInteger() == 2000 && !quantity('1.5').isInteger() && quantity('1.5').asApproximateFloat() == 1.5",
            "quantity('1').add(quantity('500m')).asApproximateFloat() == 1.5 && quantity('1').add(2).asInteger() == 3",
            "quantity('3').sub(1).sub(quantity('1')).asInteger() == 1 && quantity('-1').sign() == -1",
            "isQuantity('1Gi') && !isQuantity('1 Gi') && !isQuantity('512MB')",
            "object.data.limits.split(',').all(q, isQuantity(q))",
            "quantity(object.data.size + 'Gi').isGreaterThan(quantity('5Gi'))",
            // lists library
            "[1, 2, 3].isSorted() && ![3, 1].isSorted() && ['a', 'b'].isSorted()",
            "[1, 2, 3].sum() == 6 && [1.5, 2.5].sum() == 4.0",
            "[3, 1, 2].min() == 1 && ['b', 'a'].max() == 'b'",
            "[1, 2, 1].indexOf(1) == 0 && [1, 2, 1].lastIndexOf(1) == 2 && [1, 2].indexOf(5) == -1",
            // sets extension
            "sets.contains([1, 2, 3], [1, 2]) && sets.equivalent([1, 2], [2, 1, 1]) && sets.intersects([1], [1, 5])",
            // regex library
            "'abc 123 def 456'.find('[0-9]+') == '123' && 'abc'.find('x') == ''",
            "'abc 123 def 456'.findAll('[0-9]+') == ['123', '456'] && 'abc 123 def 456'.findAll('[0-9]+', 1) == ['123']",
            "object.data.size.find('[0-9]+') == '7' && object.data.size.matches('^[0-9]+$')",
            // url library
            "url(object.data.endpoint).getScheme() == 'https' && url(object.data.endpoint).getHost() == 'api.example.com:8443'",
            "url(object.data.endpoint).getHostname() == 'api.example.com' && url(object.data.endpoint).getPort() == '8443'",
            "url(object.data.endpoint).getEscapedPath() == '/v1/items'",
            "url(object.data.endpoint).getQuery() == {'page': ['2'], 'tag': ['a', 'b']}",
            "url('https://[::1]:80/').getHostname() == '::1' && url('https://[::1]:80/').getHost() == '[::1]:80'",
            "isURL('/absolute/path') && !isURL('relative/path') && url('/p').getScheme() == ''",
            // encoders (base64)
            "base64.encode(b'hi') == 'aGk=' && base64.decode('aGk=') == b'hi'",
    })
    void evaluatesAsOnTheCluster(String expression) throws Exception {
        assertThat(check(expression)).as(expression).isEmpty();
        assertThat(check("!(" + expression + ")")).as("negated: " + expression).hasSize(1)
                .first().extracting(Violation::message).asString().contains("failed expression");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "quantity('5 Gi').sign() == 1",
            "[].min() == 0",
            "url('relative/path').getScheme() == ''",
            "'a'.find('(') == ''",
            "quantity('1.5').asInteger() == 1",
    })
    void runtimeErrorsFailTheRequestAsOnTheCluster(String expression) throws Exception {
        assertThat(check(expression)).as(expression).singleElement().extracting(Violation::message).asString()
                .contains("failed: ");
    }
}
