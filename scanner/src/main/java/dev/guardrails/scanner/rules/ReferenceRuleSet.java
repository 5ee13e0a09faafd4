package dev.guardrails.scanner.rules;

import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rules.references.ConfigMapKeyMissingRule;
import dev.guardrails.scanner.rules.references.ConfigMapMissingRule;
import dev.guardrails.scanner.rules.references.HpaTargetRule;
import dev.guardrails.scanner.rules.references.IngressBackendPortRule;
import dev.guardrails.scanner.rules.references.IngressBackendServiceRule;
import dev.guardrails.scanner.rules.references.NetworkPolicySelectorRule;
import dev.guardrails.scanner.rules.references.PdbBlocksEvictionRule;
import dev.guardrails.scanner.rules.references.PdbSelectorRule;
import dev.guardrails.scanner.rules.references.PersistentVolumeClaimMissingRule;
import dev.guardrails.scanner.rules.references.PodMonitorSelectorRule;
import dev.guardrails.scanner.rules.references.RouteBackendPortRule;
import dev.guardrails.scanner.rules.references.RouteBackendServiceRule;
import dev.guardrails.scanner.rules.references.SecretKeyMissingRule;
import dev.guardrails.scanner.rules.references.SecretMissingRule;
import dev.guardrails.scanner.rules.references.ServiceAccountMissingRule;
import dev.guardrails.scanner.rules.references.ServiceMonitorSelectorRule;
import dev.guardrails.scanner.rules.references.ServiceSelectorRule;
import dev.guardrails.scanner.rules.references.ServiceTargetPortNameRule;
import dev.guardrails.scanner.rules.references.ServiceTargetPortNumberRule;
import dev.guardrails.scanner.rules.references.StatefulSetServiceRule;
import dev.guardrails.scanner.rules.references.VolumeMountRule;
import dev.guardrails.scanner.rules.references.WorkloadSelectorRule;
import java.util.List;

/** References inside the rendered app: selectors, backends and mounted objects that must exist. */
final class ReferenceRuleSet {

    private ReferenceRuleSet() {
    }

    static List<Rule> rules() {
        return List.of(
                new WorkloadSelectorRule(),
                new VolumeMountRule(),
                new ServiceSelectorRule(),
                new ServiceTargetPortNameRule(),
                new ServiceTargetPortNumberRule(),
                new IngressBackendServiceRule(),
                new IngressBackendPortRule(),
                new RouteBackendServiceRule(),
                new RouteBackendPortRule(),
                new StatefulSetServiceRule(),
                new HpaTargetRule(),
                new PdbSelectorRule(),
                new PdbBlocksEvictionRule(),
                new NetworkPolicySelectorRule(),
                new ServiceMonitorSelectorRule(),
                new PodMonitorSelectorRule(),
                new ServiceAccountMissingRule(),
                new ConfigMapMissingRule(),
                new ConfigMapKeyMissingRule(),
                new SecretMissingRule(),
                new SecretKeyMissingRule(),
                new PersistentVolumeClaimMissingRule());
    }
}
