package dev.guardrails.scanner.exemption;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.engine.Checker;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.parse.ManifestParser;
import dev.guardrails.scanner.rule.Bundle;
import dev.guardrails.scanner.rule.RuleSettings;
import dev.guardrails.scanner.rules.images.LatestTagRule;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Exemption annotations in manifests, run through the checker as the engine does. */
class InlineExemptionsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);

    private static final String TWO_DEPLOYMENTS = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: vendor
              namespace: shop
              annotations:
                %s
            spec:
              template:
                metadata:
                  annotations:
                    %s
                spec:
                  containers:
                    - name: c
                      image: vendor/app:latest
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: ours
              namespace: shop
            spec:
              template:
                spec:
                  containers:
                    - name: c
                      image: acme/app:latest
            """;

    private List<Finding> check(String objectAnnotation, String templateAnnotation, boolean allowed) throws Exception {
        List<ManifestObject> objects = new ManifestParser().parse(
                TWO_DEPLOYMENTS.formatted(objectAnnotation, templateAnnotation), "app/deploy.yaml");
        return new Checker(List.of(new LatestTagRule())).check("app", new Bundle(objects, "shop"),
                RuleSettings.defaults(), rule -> Mode.ENFORCE, List.of(), allowed, TODAY);
    }

    private static Finding latest(List<Finding> findings, String name) {
        return findings.stream().filter(f -> f.ruleId().equals("latest-tag") && f.object().name().equals(name))
                .findFirst().orElseThrow();
    }

    @Test
    void anAnnotationExemptsItsOwnObjectOnly() throws Exception {
        List<Finding> findings = check(
                "guardrails.dev/exempt.latest-tag: \"owner=team-vendor; expires=2026-12-31; reason=vendor ships latest only (VEN-9)\"",
                "x: y", true);
        Finding vendor = latest(findings, "vendor");
        assertThat(vendor.exempted()).isTrue();
        assertThat(vendor.exemption().owner()).isEqualTo("team-vendor");
        assertThat(vendor.exemption().reason()).isEqualTo("vendor ships latest only (VEN-9)");
        assertThat(latest(findings, "ours").blocking()).isTrue();
        assertThat(findings).noneMatch(f -> f.ruleId().startsWith("exemption-"));
    }

    @Test
    void theAnnotationMayBeOnThePodTemplate() throws Exception {
        List<Finding> findings = check("x: y",
                "guardrails.dev/exempt.latest-tag: \"owner=team-vendor; reason=vendor image; expires=2026-06-01\"", true);
        assertThat(latest(findings, "vendor").exempted()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "guardrails.dev/exempt.latest-tag: \"owner=team-vendor; expires=2026-12-31\" | must read",
            "guardrails.dev/exempt.latest-tag: \"owner=a; reason=b; expires=soon\" | must read",
            "guardrails.dev/exempt.latest-tags: \"owner=a; reason=b; expires=2026-12-31\" | unknown rule 'latest-tags'",
            "guardrails.dev/exempt.*: \"owner=a; reason=b; expires=2026-12-31\" | unknown rule '*'"
    })
    void malformedAnnotationsAreReportedAndDoNotApply(String annotation, String message) throws Exception {
        List<Finding> findings = check(annotation, "x: y", true);
        assertThat(latest(findings, "vendor").blocking()).isTrue();
        assertThat(findings).filteredOn(f -> f.ruleId().equals("exemption-invalid")).singleElement().satisfies(f -> {
            assertThat(f.message()).contains(message);
            assertThat(f.location().line()).isEqualTo(7);
            assertThat(f.object().name()).isEqualTo("vendor");
        });
    }

    @Test
    void anExpiredAnnotationIsReportedAndTheFindingIsActiveAgain() throws Exception {
        List<Finding> findings = check(
                "guardrails.dev/exempt.latest-tag: \"owner=team-vendor; reason=old; expires=2026-05-31\"", "x: y", true);
        assertThat(latest(findings, "vendor").blocking()).isTrue();
        assertThat(findings).filteredOn(f -> f.ruleId().equals("exemption-expired")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("team-vendor").contains("2026-05-31"));
    }

    @Test
    void aPolicyCanRefuseInlineExemptions() throws Exception {
        List<Finding> findings = check(
                "guardrails.dev/exempt.latest-tag: \"owner=team-vendor; reason=vendor; expires=2026-12-31\"", "x: y", false);
        assertThat(latest(findings, "vendor").blocking()).isTrue();
        assertThat(findings).filteredOn(f -> f.ruleId().equals("exemption-invalid")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("only accepts exemptions in .guardrails.yaml"));
    }
}
