package dev.guardrails.scanner.rules.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.parse.ManifestParser;
import dev.guardrails.scanner.rule.Bundle;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Evaluation of one CEL rule against real parsed manifests. */
class CelCheckTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels:
                team: payments
                tier: "3"
              annotations:
                note: ~
            spec:
              replicas: 2
              paused: false
              template:
                spec:
                  containers:
                    - name: app
                      image: registry.example.com/web:1.2
                      resources: {limits: {cpu: 0.5}}
                    - name: sidecar
                      image: envoy:1.30
            """;

    private static final String CONFIG_MAP = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              namespace: shop
            data: {a: b}
            """;

    private static ManifestObject parse(String yaml) throws Exception {
        return new ManifestParser().parse(yaml, "app/objects.yaml").get(0);
    }

    private static CelCheck rule(String expression, List<String> kinds, String path) throws CelCheckException {
        return CelCheck.compile(new CustomRuleSpec("my-rule", "My rule", null, null, kinds, expression,
                "my message", path, null, "Fix it."));
    }

    /** Violations of {@code expression} on the Deployment, in app {@code payments-web}, namespace {@code team-ns}. */
    private static List<Violation> onDeployment(String expression) throws Exception {
        ManifestObject deployment = parse(DEPLOYMENT);
        Bundle bundle = new Bundle(List.of(deployment), "team-ns");
        return rule(expression, List.of(), "").check(deployment, RuleContext.of(bundle), "payments-web");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            object.metadata.labels['team'] in ['payments', 'search']
            object.metadata.labels.team == 'payments'
            object.kind == 'Deployment' && object.apiVersion == 'apps/v1'
            object.spec.replicas >= 2
            object.spec.replicas > 1.5
            object.spec.template.spec.containers[0].resources.limits.cpu < 1
            object.spec.paused == false
            object.metadata.labels.tier == '3'
            object.metadata.annotations.note == null
            !has(object.metadata.namespace)
            has(object.spec.template.spec.containers)
            object.spec.template.spec.containers.exists(c, c.name == 'sidecar')
            object.spec.template.spec.containers.all(c, has(c.image))
            object.spec.template.spec.containers.size() == 2
            size(object.metadata.labels) == 2
            object.spec.template.spec.containers[0].image.startsWith('registry.example.com/')
            object.metadata.name.matches('^[a-z]+$')
            namespace == 'team-ns'
            app == 'payments-web'
            app.startsWith(object.metadata.labels.team)
            object.spec.template.spec.containers[0].image.split(':')[1] == '1.2'
            quantity(string(object.spec.template.spec.containers[0].resources.limits.cpu)).isLessThan(quantity('1'))
            url('https://' + object.spec.template.spec.containers[0].image).getHostname() == 'registry.example.com'
            object.spec.template.spec.containers.map(c, c.name).isSorted()
            sets.contains(['app', 'sidecar', 'x'], object.spec.template.spec.containers.map(c, c.name))
            object.spec.template.spec.containers[1].image.find('[0-9.]+$') == '1.30'
            """)
    void trueIsCompliant(String expression) throws Exception {
        assertThat(onDeployment(expression)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            object.metadata.labels['team'] in ['search']
            object.spec.replicas >= 3
            has(object.metadata.namespace)
            object.spec.template.spec.containers.all(c, c.image.startsWith('registry.example.com/'))
            namespace == 'default'
            app == 'web'
            """)
    void falseIsAFindingWithTheMessage(String expression) throws Exception {
        assertThat(onDeployment(expression)).containsExactly(new Violation("", "my message"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            object.metadata.labels['owner'] == 'x'        | expression failed: no such key: owner
            object.metadata.labels.owner == 'x'           | expression failed: key 'owner' is not present in map.
            object.spec.template.spec.containers[5].name == 'x' | expression failed: Index out of bounds: 5
            object.spec.replicas                          | expression failed: it returned int 2, not a bool
            object.metadata.name                          | expression failed: it returned string 'web', not a bool
            object.metadata.annotations.note              | expression failed: it returned null, not a bool
            object.metadata.labels.team > 1               | expression failed: No matching overload for function '_>_'
            """)
    void errorsAndNonBoolResultsAreFindings(String expression, String message) throws Exception {
        List<Violation> violations = onDeployment(expression);
        assertThat(violations).singleElement().satisfies(v -> assertThat(v.message()).startsWith(message));
    }

    @Test
    void anIterationBudgetStopsRunawayExpressions() throws Exception {
        // 100^3 iterations is over the budget; the rule fails closed rather than spinning.
        String range = "[" + "0,".repeat(99) + "0]";
        String expr = range + ".all(a, " + range + ".all(b, " + range + ".all(c, true)))";
        assertThat(onDeployment(expr)).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("expression failed").contains("Iteration budget exceeded"));
    }

    @Test
    void kindsLimitWhichObjectsAreChecked() throws Exception {
        ManifestObject deployment = parse(DEPLOYMENT);
        ManifestObject configMap = parse(CONFIG_MAP);
        RuleContext context = RuleContext.of(new Bundle(List.of(deployment, configMap), "team-ns"));
        CelCheck deploymentsOnly = rule("false", List.of("Deployment", "StatefulSet"), "");
        assertThat(deploymentsOnly.check(deployment, context, "a")).hasSize(1);
        assertThat(deploymentsOnly.check(configMap, context, "a")).isEmpty();
        CelCheck everyKind = rule("false", List.of(), "");
        assertThat(everyKind.check(configMap, context, "a")).hasSize(1);
    }

    @Test
    void namespaceIsWhereTheObjectLands() throws Exception {
        ManifestObject deployment = parse(DEPLOYMENT);
        ManifestObject configMap = parse(CONFIG_MAP);
        RuleContext context = RuleContext.of(new Bundle(List.of(deployment, configMap), "team-ns"));
        CelCheck rule = rule("namespace == 'shop'", List.of(), "");
        assertThat(rule.check(configMap, context, "a")).isEmpty();   // its own namespace
        assertThat(rule.check(deployment, context, "a")).hasSize(1); // the app's destination namespace
    }

    @Test
    void theSpiCheckWithoutAnAppSeesAnEmptyAppName() throws Exception {
        ManifestObject deployment = parse(DEPLOYMENT);
        RuleContext context = RuleContext.of(new Bundle(List.of(deployment), "ns"));
        assertThat(rule("app == ''", List.of(), "").check(deployment, context)).isEmpty();
    }

    @Test
    void findingsPointAtThePath() throws Exception {
        ManifestObject deployment = parse(DEPLOYMENT);
        RuleContext context = RuleContext.of(new Bundle(List.of(deployment), "ns"));
        List<Violation> violations = rule("object.metadata.labels.team == 'search'", List.of(), "metadata.labels.team")
                .check(deployment, context, "a");
        assertThat(violations).containsExactly(new Violation("metadata.labels.team", "my message"));
        assertThat(deployment.locate(violations.get(0).path()).line()).isEqualTo(6);
    }

    @Test
    void aMessageDefaultsToTheTitle() throws Exception {
        CelCheck rule = CelCheck.compile(new CustomRuleSpec("my-rule", "My rule", null, null, null, "false",
                null, null, null, "Fix it."));
        ManifestObject deployment = parse(DEPLOYMENT);
        assertThat(rule.check(deployment, RuleContext.of(Bundle.of(List.of(deployment))), "a"))
                .containsExactly(new Violation("", "My rule"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', textBlock = """
            object.spec.template.spec.containers.all(c, c.image.startsWith('registry.example.com/')) => false
            !namespace.startsWith('prod-') || (has(object.spec.replicas) && object.spec.replicas >= 2) => true
            has(object.metadata.annotations) && 'example.com/owner' in object.metadata.annotations => false
            has(object.metadata.labels) && has(object.metadata.labels.team) && object.metadata.labels.team in ['payments', 'search'] => true
            """)
    void documentedExamplesWork(String expression, boolean compliant) throws Exception {
        assertThat(onDeployment(expression).isEmpty()).isEqualTo(compliant);
    }

    @Test
    void compileRejectsWhatCannotBeABool() {
        assertThatThrownBy(() -> rule("'a' + 'b'", List.of(), "")).isInstanceOf(CelCheckException.class)
                .hasMessage("must evaluate to a bool, but its type is string");
        assertThatThrownBy(() -> rule("   ", List.of(), "")).isInstanceOf(CelCheckException.class)
                .hasMessage("empty expression");
    }
}
