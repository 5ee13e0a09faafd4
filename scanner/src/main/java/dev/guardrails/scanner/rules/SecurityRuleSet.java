package dev.guardrails.scanner.rules;

import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rules.hardening.ReadOnlyRootFilesystemRule;
import dev.guardrails.scanner.rules.hardening.RuntimeSocketMountRule;
import dev.guardrails.scanner.rules.hardening.WritableHostPathRule;
import dev.guardrails.scanner.rules.podsecurity.AppArmorUnconfinedRule;
import dev.guardrails.scanner.rules.podsecurity.CapabilitiesAddedRule;
import dev.guardrails.scanner.rules.podsecurity.CapabilitiesNotDroppedRule;
import dev.guardrails.scanner.rules.podsecurity.HostIpcRule;
import dev.guardrails.scanner.rules.podsecurity.HostNetworkRule;
import dev.guardrails.scanner.rules.podsecurity.HostPathVolumeRule;
import dev.guardrails.scanner.rules.podsecurity.HostPidRule;
import dev.guardrails.scanner.rules.podsecurity.HostPortRule;
import dev.guardrails.scanner.rules.podsecurity.HostProcessRule;
import dev.guardrails.scanner.rules.podsecurity.PrivilegeEscalationRule;
import dev.guardrails.scanner.rules.podsecurity.PrivilegedContainerRule;
import dev.guardrails.scanner.rules.podsecurity.ProcMountUnmaskedRule;
import dev.guardrails.scanner.rules.podsecurity.RunAsNonRootRule;
import dev.guardrails.scanner.rules.podsecurity.RunAsRootUserRule;
import dev.guardrails.scanner.rules.podsecurity.SeLinuxOptionsRule;
import dev.guardrails.scanner.rules.podsecurity.SeccompProfileMissingRule;
import dev.guardrails.scanner.rules.podsecurity.SeccompUnconfinedRule;
import dev.guardrails.scanner.rules.podsecurity.UnsafeSysctlRule;
import dev.guardrails.scanner.rules.podsecurity.VolumeTypeRestrictedRule;
import dev.guardrails.scanner.rules.serviceaccounts.DefaultServiceAccountRule;
import dev.guardrails.scanner.rules.serviceaccounts.DeprecatedServiceAccountFieldRule;
import dev.guardrails.scanner.rules.serviceaccounts.ServiceAccountTokenAutomountRule;
import java.util.List;

/** Pod Security Standards, hardening beyond them, and service-account rules. */
final class SecurityRuleSet {

    private SecurityRuleSet() {
    }

    static List<Rule> rules() {
        return List.of(
                // Pod Security Standards: baseline
                new PrivilegedContainerRule(),
                new HostNetworkRule(),
                new HostPidRule(),
                new HostIpcRule(),
                new HostPortRule(),
                new HostPathVolumeRule(),
                new CapabilitiesAddedRule(),
                new HostProcessRule(),
                new ProcMountUnmaskedRule(),
                new SeccompUnconfinedRule(),
                new UnsafeSysctlRule(),
                new AppArmorUnconfinedRule(),
                new SeLinuxOptionsRule(),
                // Pod Security Standards: restricted
                new VolumeTypeRestrictedRule(),
                new PrivilegeEscalationRule(),
                new RunAsNonRootRule(),
                new RunAsRootUserRule(),
                new SeccompProfileMissingRule(),
                new CapabilitiesNotDroppedRule(),
                // Hardening beyond PSS
                new ReadOnlyRootFilesystemRule(),
                new RuntimeSocketMountRule(),
                new WritableHostPathRule(),
                // Service accounts
                new ServiceAccountTokenAutomountRule(),
                new DefaultServiceAccountRule(),
                new DeprecatedServiceAccountFieldRule());
    }
}
