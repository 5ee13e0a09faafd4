package dev.guardrails.scanner.rules.deprecations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.rule.KubeVersion;
import dev.guardrails.scanner.rule.RuleFixtures;
import dev.guardrails.scanner.rule.RuleSettings;
import dev.guardrails.scanner.rule.Violation;
import dev.guardrails.scanner.rules.availability.InlineRun;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeprecatedApiRuleTest {

    @Test
    void fixtures() {
        RuleFixtures.verify(new DeprecatedApiRule());
    }

    /** Each API is deprecated, then removed, depending on the target version; never both. */
    @ParameterizedTest(name = "{0} {1} on {2} -> {3}")
    @CsvSource({
            "batch/v1beta1, CronJob, 1.20, none, ''",
            "batch/v1beta1, CronJob, 1.21, deprecated, batch/v1",
            "batch/v1beta1, CronJob, 1.24, deprecated, batch/v1",
            "batch/v1beta1, CronJob, 1.25, removed, batch/v1",
            "extensions/v1beta1, Ingress, 1.21, deprecated, networking.k8s.io/v1",
            "extensions/v1beta1, Ingress, 1.22, removed, networking.k8s.io/v1",
            "extensions/v1beta1, Deployment, 1.15, deprecated, apps/v1",
            "extensions/v1beta1, Deployment, 1.16, removed, apps/v1",
            "apps/v1beta1, ControllerRevision, 1.16, removed, apps/v1",
            "autoscaling/v2beta2, HorizontalPodAutoscaler, 1.25, deprecated, autoscaling/v2",
            "autoscaling/v2beta2, HorizontalPodAutoscaler, 1.26, removed, autoscaling/v2",
            "flowcontrol.apiserver.k8s.io/v1beta3, PriorityLevelConfiguration, 1.31, deprecated, flowcontrol.apiserver.k8s.io/v1",
            "resource.k8s.io/v1alpha2, ResourceClaim, 1.30, none, ''",
            "resource.k8s.io/v1alpha2, ResourceClaim, 1.31, removed, resource.k8s.io/v1",
            "storage.k8s.io/v1beta1, CSIStorageCapacity, 1.27, removed, storage.k8s.io/v1",
            "storage.k8s.io/v1beta1, VolumeAttributesClass, 1.34, none, ''",
            "apps/v1, Deployment, 1.34, none, ''",
            "v1, Endpoints, 1.32, none, ''",
            "v1, Endpoints, 1.40, deprecated, EndpointSlice"})
    void classifiesByTargetVersion(String apiVersion, String kind, String target, String expected, String replacement) {
        String yaml = "{apiVersion: " + apiVersion + ", kind: " + kind + ", metadata: {name: x}}";
        RuleSettings settings = new RuleSettings(List.of(), List.of(), KubeVersion.parse(target), 50);
        List<Violation> deprecated = InlineRun.check(new DeprecatedApiRule(), yaml, settings);
        List<Violation> removed = InlineRun.check(new RemovedApiRule(), yaml, settings);
        assertThat(deprecated).hasSize(expected.equals("deprecated") ? 1 : 0);
        assertThat(removed).hasSize(expected.equals("removed") ? 1 : 0);
        for (Violation v : deprecated.isEmpty() ? removed : deprecated) {
            assertThat(v.path()).isEqualTo("apiVersion");
            assertThat(v.message()).contains(replacement);
        }
    }

    @Test
    void everyEntryIsDeprecatedNoLaterThanRemoved() {
        assertThat(ApiDeprecations.entries()).allSatisfy(entry -> {
            assertThat(entry.removedIn().orElse(new KubeVersion(99, 0))).isGreaterThanOrEqualTo(entry.deprecatedIn());
            assertThat(entry.replacement()).isNotBlank();
        });
    }
}
