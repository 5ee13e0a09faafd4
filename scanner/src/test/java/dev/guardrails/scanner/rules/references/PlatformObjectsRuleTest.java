package dev.guardrails.scanner.rules.references;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.rule.KubeVersion;
import dev.guardrails.scanner.rule.PlatformObjects;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleSettings;
import dev.guardrails.scanner.rules.availability.InlineRun;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Objects listed under platformObjects count as defined, in the namespaces their pattern names. */
class PlatformObjectsRuleTest {

    private static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: p, namespace: shop}
            spec:
              serviceAccountName: external-dns
              containers:
                - name: c
                  image: registry.example.com/c:1
                  envFrom: [{configMapRef: {name: istio-ca-root-cert}}, {secretRef: {name: regcred}}]
              volumes: [{name: v, persistentVolumeClaim: {claimName: shared-data}}]
            """;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(new ServiceAccountMissingRule(), new PlatformObjects(List.of("external-*"), null, null, null)),
                Arguments.of(new ConfigMapMissingRule(), new PlatformObjects(null, List.of("shop/istio-ca-root-cert"), null, null)),
                Arguments.of(new SecretMissingRule(), new PlatformObjects(null, null, List.of("*/regcred"), null)),
                Arguments.of(new PersistentVolumeClaimMissingRule(), new PlatformObjects(null, null, null, List.of("shared-?ata"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void listedNamesAreProvided(Rule rule, PlatformObjects platform) {
        assertThat(InlineRun.check(rule, POD)).hasSize(1);
        assertThat(InlineRun.check(rule, POD, settings(platform))).isEmpty();
        // The same names in another namespace than the one a namespaced pattern allows.
        String elsewhere = POD.replace("namespace: shop", "namespace: other");
        boolean namespaced = Stream.of(platform.serviceAccounts(), platform.configMaps(), platform.secrets(),
                platform.persistentVolumeClaims()).flatMap(List::stream).anyMatch(p -> p.startsWith("shop/"));
        assertThat(InlineRun.check(rule, elsewhere, settings(platform))).hasSize(namespaced ? 1 : 0);
    }

    private static RuleSettings settings(PlatformObjects platform) {
        return new RuleSettings(List.of(), List.of(), KubeVersion.DEFAULT, 50, platform);
    }
}
