package dev.guardrails.scanner.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.RuleSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyResolverTest {

    private static final RuleInfo LATEST = RuleInfo.of("latest-tag", "t", Category.IMAGES, Severity.HIGH, "r", "f.");
    private static final RuleInfo DIGEST = RuleInfo.of("image-digest-missing", "t", Category.IMAGES, Severity.LOW, "r", "f.");
    private static final RuleInfo PROBE = RuleInfo.of("readiness-probe-missing", "t", Category.PROBES, Severity.LOW, "r", "f.");

    private final ProfileConfig prod = new ProfileConfig("prod", List.of("envs/prod/**", "overlays/prod"), List.of("*@prod"),
            Mode.ENFORCE, Map.of("probes", Mode.AUDIT), Map.of("latest-tag", Mode.WARN));
    private final GuardrailsConfig config = new GuardrailsConfig(Mode.WARN, Map.of("images", Mode.AUDIT),
            Map.of("image-digest-missing", Mode.OFF), List.of(prod), List.of(), List.of(), RuleSettings.defaults(), "default");
    private final PolicyResolver resolver = new PolicyResolver(config);

    @ParameterizedTest
    @CsvSource({
            "envs/prod/web, web, prod",
            "envs/prod, web, prod",
            "overlays/prod, x, prod",
            "overlays/prod/extra, x, ''",
            "envs/dev/web, web, ''",
            "charts/api, charts/api@prod, prod",
            "charts/api, charts/api@dev, ''"
    })
    void profilesMatchByPathOrAppName(String path, String app, String expected) {
        assertThat(resolver.profileFor(app, path, null).map(ProfileConfig::name).orElse("")).isEqualTo(expected);
    }

    @Test
    void explicitProfileWins() {
        assertThat(resolver.profileFor("x", "envs/dev", "prod")).contains(prod);
        assertThat(resolver.profileFor("x", "envs/prod/a", "staging")).isEmpty();
    }

    @Test
    void mostSpecificSettingWins() {
        Optional<ProfileConfig> inProd = Optional.of(prod);
        assertThat(resolver.modeFor(LATEST, inProd)).isEqualTo(Mode.WARN);        // profile rule
        assertThat(resolver.modeFor(DIGEST, inProd)).isEqualTo(Mode.OFF);         // global rule beats profile mode
        assertThat(resolver.modeFor(PROBE, inProd)).isEqualTo(Mode.AUDIT);        // profile category
        assertThat(resolver.modeFor(LATEST, Optional.empty())).isEqualTo(Mode.AUDIT); // global category
        assertThat(resolver.modeFor(PROBE, Optional.empty())).isEqualTo(Mode.WARN);  // global mode
        RuleInfo other = RuleInfo.of("host-pid", "t", Category.POD_SECURITY, Severity.HIGH, "r", "f.");
        assertThat(resolver.modeFor(other, inProd)).isEqualTo(Mode.ENFORCE);     // profile mode
    }

    @Test
    void defaultModeCapsOnlyTheGeneralMode() {
        RuleInfo capped = RuleInfo.of("secret-missing", "t", Category.REFERENCES, Severity.MEDIUM, "r", "f.")
                .withDefaultMode(Mode.AUDIT);
        Optional<ProfileConfig> inProd = Optional.of(prod);
        assertThat(resolver.modeFor(capped, inProd)).isEqualTo(Mode.AUDIT);          // profile enforce, capped
        assertThat(resolver.modeFor(capped, Optional.empty())).isEqualTo(Mode.AUDIT); // global warn, capped
        GuardrailsConfig explicit = new GuardrailsConfig(Mode.ENFORCE, Map.of("references", Mode.ENFORCE),
                Map.of(), List.of(), List.of(), List.of(), RuleSettings.defaults(), "default");
        assertThat(new PolicyResolver(explicit).modeFor(capped, Optional.empty())).isEqualTo(Mode.ENFORCE);
        GuardrailsConfig byRule = new GuardrailsConfig(Mode.OFF, Map.of(), Map.of("secret-missing", Mode.WARN),
                List.of(), List.of(), List.of(), RuleSettings.defaults(), "default");
        assertThat(new PolicyResolver(byRule).modeFor(capped, Optional.empty())).isEqualTo(Mode.WARN);
        GuardrailsConfig off = new GuardrailsConfig(Mode.OFF, Map.of(), Map.of(), List.of(), List.of(), List.of(),
                RuleSettings.defaults(), "default");
        assertThat(new PolicyResolver(off).modeFor(capped, Optional.empty())).isEqualTo(Mode.OFF); // never raised
    }
}
