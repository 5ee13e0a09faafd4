package dev.guardrails.scanner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rules.cel.CelCheck;
import dev.guardrails.scanner.rules.cel.CustomRuleSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code customRules:} in {@code .guardrails.yaml}: what the loader accepts and what it rejects. */
class CustomRulesConfigTest {

    private final ConfigLoader loader = new ConfigLoader(Set.of("latest-tag", "run-as-non-root", "render-failed"));

    private static final String TEAM_RULE = """
            customRules:
              - id: team-label-format
                title: Team label is not a known team
                category: metadata
                severity: high
                kinds: [Deployment, StatefulSet]
                expression: "has(object.metadata.labels) && object.metadata.labels['team'] in ['payments', 'search']"
                message: team label must name a known team
                path: metadata.labels
                rationale: Alerts are routed by team.
                remediation: Set metadata.labels.team to one of payments, search.
            """;

    /**
     * A config with one custom rule whose fields are valid, except {@code field}, which is set to
     * {@code value} (added if new, dropped if {@code value} is null).
     */
    private static String rule(String field, String value) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id", "my-rule");
        fields.put("title", "My rule");
        fields.put("kinds", "[]");
        fields.put("expression", "\"object.kind != ''\"");
        fields.put("remediation", "Fix it.");
        if (field != null) {
            fields.put(field, value);
            fields.values().removeIf(java.util.Objects::isNull);
        }
        StringBuilder yaml = new StringBuilder("customRules:\n");
        String indent = "  - ";
        for (Map.Entry<String, String> f : fields.entrySet()) {
            yaml.append(indent).append(f.getKey()).append(": ").append(f.getValue()).append('\n');
            indent = "    ";
        }
        return yaml.toString();
    }

    @Test
    void readsACustomRuleWithEveryField() throws Exception {
        GuardrailsConfig c = loader.parse(TEAM_RULE, ".guardrails.yaml");
        assertThat(c.customRules()).hasSize(1);
        CelCheck rule = (CelCheck) c.customRules().get(0);
        RuleInfo info = rule.info();
        assertThat(info.id()).isEqualTo("team-label-format");
        assertThat(info.title()).isEqualTo("Team label is not a known team");
        assertThat(info.category()).isEqualTo(Category.METADATA);
        assertThat(info.severity()).isEqualTo(Severity.HIGH);
        assertThat(info.rationale()).isEqualTo("Alerts are routed by team.");
        assertThat(info.remediation()).isEqualTo("Set metadata.labels.team to one of payments, search.");
        assertThat(rule.kinds()).containsExactlyInAnyOrder("Deployment", "StatefulSet");
        assertThat(rule.spec().message()).isEqualTo("team label must name a known team");
        assertThat(rule.spec().path()).isEqualTo("metadata.labels");
        assertThat(c.customRuleInfos()).containsExactly(info);
    }

    @Test
    void appliesDefaults() throws Exception {
        CelCheck rule = (CelCheck) loader.parse(rule(null, null), ".guardrails.yaml").customRules().get(0);
        assertThat(rule.info().category()).isEqualTo(Category.METADATA);
        assertThat(rule.info().severity()).isEqualTo(Severity.MEDIUM);
        assertThat(rule.kinds()).isEmpty();
        assertThat(rule.spec().message()).isEqualTo("My rule");
        assertThat(rule.spec().path()).isEmpty();
        assertThat(rule.info().rationale()).isEqualTo(CustomRuleSpec.DEFAULT_RATIONALE);
    }

    @Test
    void customIdsMayBeUsedInRulesProfilesAndExemptions() throws Exception {
        GuardrailsConfig c = loader.parse(TEAM_RULE + """
                rules: {team-label-format: enforce}
                profiles:
                  - name: dev
                    match: {paths: ["envs/dev/**"]}
                    rules: {team-label-format: audit}
                exemptions:
                  - rule: team-label-format
                    match: {kind: Deployment, name: legacy}
                    owner: platform
                    reason: migrating
                    expires: 2030-01-01
                """, ".guardrails.yaml");
        assertThat(c.rules()).containsEntry("team-label-format", Mode.ENFORCE);
        assertThat(c.exemptions()).singleElement().satisfies(e -> assertThat(e.rule()).isEqualTo("team-label-format"));
        PolicyResolver policy = new PolicyResolver(c);
        RuleInfo info = c.customRuleInfos().get(0);
        assertThat(policy.modeFor(info, Optional.empty())).isEqualTo(Mode.ENFORCE);
        assertThat(policy.modeFor(info, policy.profileFor("a", "envs/dev/a", null))).isEqualTo(Mode.AUDIT);
    }

    @Test
    void categoryModesApplyToCustomRules() throws Exception {
        GuardrailsConfig c = loader.parse(rule("category", "images") + "categories: {images: enforce}\n", "f");
        assertThat(new PolicyResolver(c).modeFor(c.customRuleInfos().get(0), Optional.empty())).isEqualTo(Mode.ENFORCE);
    }

    @Test
    void anUndeclaredCustomIdIsStillAnUnknownRule() {
        assertThatThrownBy(() -> loader.parse("rules: {team-label-format: enforce}\n", ".guardrails.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rules.team-label-format").hasMessageContaining("unknown rule id");
    }

    @Test
    void equalFilesGiveEqualConfigs() throws Exception {
        assertThat(loader.parse(TEAM_RULE, "f")).isEqualTo(loader.parse(TEAM_RULE, "f"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            id          | Team_Label                            | customRules[0].id: 'Team_Label' is not kebab-case
            id          | latest-tag                            | customRules[0].id: 'latest-tag' is a built-in rule id
            id          | render-failed                         | customRules[0].id: 'render-failed' is a built-in rule id
            id          |                                       | customRules[0].id: required
            title       |                                       | customRules[0].title: required
            expression  |                                       | customRules[0].expression: required
            remediation |                                       | customRules[0].remediation: required
            remediation | Fix it                                | customRules[0].remediation: must be a sentence ending with a period
            category    | observability                         | customRules[0].category: unknown category 'observability'
            severity    | urgent                                | customRules[0].severity: 'urgent' is not a severity
            kinds       | Deployment                            | customRules[0].kinds: must be a list of strings
            kinds       | [Deployment, ""]                      | customRules[0].kinds: must be a list of non-empty strings
            colour      | red                                   | customRules[0].colour: unknown key
            expression  | "object.metadata.name =="             | customRules[0].expression: 1:24: mismatched input '<EOF>'
            expression  | "objekt.kind == 'Pod'"                | customRules[0].expression: 1:1: undeclared reference to 'objekt'
            expression  | "object.kind.size() + 1"              | customRules[0].expression: must evaluate to a bool, but its type is int
            expression  | "'a' == 1"                            | customRules[0].expression: 1:5: found no matching overload for '_==_'
            """)
    void rejects(String field, String value, String error) {
        String yaml = rule(field, value);
        assertThatThrownBy(() -> loader.parse(yaml, ".guardrails.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(".guardrails.yaml: " + error);
    }

    @Test
    void rejectsAnExpressionOverTheLengthLimit() {
        String longExpr = "object.kind == '" + "x".repeat(CelCheck.MAX_EXPRESSION_LENGTH) + "'";
        assertThatThrownBy(() -> loader.parse(rule("expression", "\"" + longExpr + "\""), ".guardrails.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("customRules[0].expression: expression is " + longExpr.length()
                        + " characters long; the limit is 4096");
    }

    @Test
    void acceptsAnExpressionAtTheLengthLimit() throws Exception {
        String prefix = "object.kind != '";
        String expr = prefix + "x".repeat(CelCheck.MAX_EXPRESSION_LENGTH - prefix.length() - 1) + "'";
        assertThat(expr).hasSize(CelCheck.MAX_EXPRESSION_LENGTH);
        assertThat(loader.parse(rule("expression", "\"" + expr + "\""), "f").customRules()).hasSize(1);
    }

    @Test
    void rejectsADuplicateCustomId() {
        String twice = rule(null, null) + rule(null, null).replace("customRules:\n", "");
        assertThatThrownBy(() -> loader.parse(twice, ".guardrails.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("customRules[1].id: 'my-rule' is declared twice");
    }

    @Test
    void customRulesMustBeAList() {
        assertThatThrownBy(() -> loader.parse("customRules: {id: x}\n", ".guardrails.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("customRules: must be a list");
    }
}
