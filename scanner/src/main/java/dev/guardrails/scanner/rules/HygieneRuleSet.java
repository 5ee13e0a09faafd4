package dev.guardrails.scanner.rules;

import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rules.availability.BarePodRule;
import dev.guardrails.scanner.rules.availability.HpaMinReplicasRule;
import dev.guardrails.scanner.rules.availability.HpaTargetReplicasRule;
import dev.guardrails.scanner.rules.exposure.IngressNginxSnippetRule;
import dev.guardrails.scanner.rules.exposure.IngressTlsRule;
import dev.guardrails.scanner.rules.exposure.IngressWildcardHostRule;
import dev.guardrails.scanner.rules.exposure.LoadBalancerServiceRule;
import dev.guardrails.scanner.rules.exposure.NodePortServiceRule;
import dev.guardrails.scanner.rules.exposure.ServiceExternalIpsRule;
import dev.guardrails.scanner.rules.images.DeprecatedRegistryRule;
import dev.guardrails.scanner.rules.images.PullPolicyMutableTagRule;
import dev.guardrails.scanner.rules.pods.DuplicateContainerPortRule;
import dev.guardrails.scanner.rules.pods.DuplicateEnvVarRule;
import dev.guardrails.scanner.rules.pods.EnvCredentialLiteralRule;
import dev.guardrails.scanner.rules.pods.HostAliasesRule;
import dev.guardrails.scanner.rules.pods.InteractiveContainerRule;
import dev.guardrails.scanner.rules.pods.InvalidLabelRule;
import dev.guardrails.scanner.rules.pods.MountPropagationRule;
import dev.guardrails.scanner.rules.pods.PrivilegedPortRule;
import dev.guardrails.scanner.rules.pods.ProbeHostRule;
import dev.guardrails.scanner.rules.pods.ProbePortRule;
import dev.guardrails.scanner.rules.pods.RunAsRootGroupRule;
import dev.guardrails.scanner.rules.pods.SshPortRule;
import dev.guardrails.scanner.rules.resources.EphemeralStorageLimitRule;
import dev.guardrails.scanner.rules.resources.EphemeralStorageRequestRule;
import dev.guardrails.scanner.rules.schema.CustomResourceInvalidRule;
import dev.guardrails.scanner.rules.schema.SchemaInvalidRule;
import dev.guardrails.scanner.rules.schema.SchemaNotValidatedRule;
import java.util.List;

/** Pod spec hygiene, exposure (Services, Ingresses) and object validity. */
final class HygieneRuleSet {

    private HygieneRuleSet() {
    }

    static List<Rule> rules() {
        return List.of(
                // Pod spec hygiene
                new DuplicateEnvVarRule(),
                new EnvCredentialLiteralRule(),
                new ProbePortRule(),
                new DuplicateContainerPortRule(),
                new PrivilegedPortRule(),
                new SshPortRule(),
                new ProbeHostRule(),
                new MountPropagationRule(),
                new HostAliasesRule(),
                new InteractiveContainerRule(),
                new RunAsRootGroupRule(),
                new PullPolicyMutableTagRule(),
                new DeprecatedRegistryRule(),
                new EphemeralStorageRequestRule(),
                new EphemeralStorageLimitRule(),
                new HpaMinReplicasRule(),
                new HpaTargetReplicasRule(),
                new BarePodRule(),
                // Exposure
                new LoadBalancerServiceRule(),
                new NodePortServiceRule(),
                new ServiceExternalIpsRule(),
                new IngressTlsRule(),
                new IngressWildcardHostRule(),
                new IngressNginxSnippetRule(),
                // Object validity
                new SchemaInvalidRule(),
                new CustomResourceInvalidRule(),
                new SchemaNotValidatedRule(),
                new InvalidLabelRule());
    }
}
