package dev.guardrails.scanner.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleFixtures;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rules.BuiltinRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Meta-tests over the whole catalog: registration, metadata quality, fixtures and docs. */
class RuleCatalogTest {

    private static final Path ROOT = Path.of(System.getProperty("guardrails.projectRoot", "..")).toAbsolutePath().normalize();

    static Stream<Rule> rules() {
        return BuiltinRules.all().stream();
    }

    @Test
    void catalogCoversTheProductionChecklist() {
        assertThat(BuiltinRules.all()).hasSizeGreaterThanOrEqualTo(40);
    }

    @Test
    void idsAreUnique() {
        Set<String> seen = new HashSet<>();
        for (RuleInfo info : RuleCatalog.builtin().infos()) {
            assertThat(seen.add(info.id())).as("duplicate rule id %s", info.id()).isTrue();
        }
    }

    @Test
    void everyRuleClassIsRegistered() throws IOException {
        Path rulesDir = ROOT.resolve("scanner/src/main/java/dev/guardrails/scanner/rules");
        Set<String> registered = new HashSet<>();
        BuiltinRules.all().forEach(r -> registered.add(r.getClass().getName()));
        try (Stream<Path> files = Files.walk(rulesDir)) {
            List<String> classes = files
                    .filter(p -> p.getFileName().toString().endsWith("Rule.java"))
                    .map(p -> "dev.guardrails.scanner." + ROOT.resolve("scanner/src/main/java/dev/guardrails/scanner")
                            .relativize(p).toString().replace('/', '.').replaceAll("\\.java$", ""))
                    .toList();
            assertThat(classes).isNotEmpty();
            assertThat(registered).containsAll(classes);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void metadataIsComplete(Rule rule) {
        RuleInfo info = rule.info();
        assertThat(info.title()).as(info.id()).isNotBlank().doesNotEndWith(".");
        assertThat(info.rationale()).as(info.id()).hasSizeGreaterThan(30);
        assertThat(info.remediation()).as(info.id()).endsWith(".");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void fixturesPassAndFailAsMarked(Rule rule) {
        RuleFixtures.verify(rule);
    }

    @Test
    void rulesDocIsCurrent() throws IOException {
        Path doc = ROOT.resolve("docs/rules.md");
        String expected = RuleCatalog.builtin().markdown();
        if (Boolean.getBoolean("guardrails.updateDocs")) {
            Files.writeString(doc, expected);
        }
        assertThat(doc).as("docs/rules.md exists (regenerate: mvn -pl scanner test -Dtest=RuleCatalogTest -Dguardrails.updateDocs=true)").exists();
        assertThat(Files.readString(doc))
                .as("docs/rules.md is stale: regenerate with `guardrails rules --markdown > docs/rules.md`"
                        + " or mvn -pl scanner test -Dtest=RuleCatalogTest -Dguardrails.updateDocs=true")
                .isEqualTo(expected);
    }
}
