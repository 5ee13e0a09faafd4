package dev.guardrails.scanner.rules;

import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rules.availability.HpaReplicasRule;
import dev.guardrails.scanner.rules.availability.PodDisruptionBudgetRule;
import dev.guardrails.scanner.rules.availability.RollingUpdateRule;
import dev.guardrails.scanner.rules.availability.SingleReplicaRule;
import dev.guardrails.scanner.rules.availability.TopologySpreadRule;
import dev.guardrails.scanner.rules.cel.AdmissionPolicyRule;
import dev.guardrails.scanner.rules.deprecations.DeprecatedApiRule;
import dev.guardrails.scanner.rules.deprecations.RemovedApiRule;
import dev.guardrails.scanner.rules.images.AllowedRegistryRule;
import dev.guardrails.scanner.rules.images.ImageDigestRule;
import dev.guardrails.scanner.rules.images.LatestTagRule;
import dev.guardrails.scanner.rules.jobs.CronJobConcurrencyRule;
import dev.guardrails.scanner.rules.jobs.CronJobDeadlineRule;
import dev.guardrails.scanner.rules.jobs.JobBackoffRule;
import dev.guardrails.scanner.rules.jobs.JobDeadlineRule;
import dev.guardrails.scanner.rules.jobs.JobTtlRule;
import dev.guardrails.scanner.rules.metadata.RequiredLabelsRule;
import dev.guardrails.scanner.rules.namespaces.LimitRangeRule;
import dev.guardrails.scanner.rules.namespaces.ResourceQuotaRule;
import dev.guardrails.scanner.rules.networking.NetworkPolicyRule;
import dev.guardrails.scanner.rules.probes.IdenticalProbesRule;
import dev.guardrails.scanner.rules.probes.LivenessProbeRule;
import dev.guardrails.scanner.rules.probes.ReadinessProbeRule;
import dev.guardrails.scanner.rules.resources.CpuLimitRule;
import dev.guardrails.scanner.rules.resources.CpuRequestRule;
import dev.guardrails.scanner.rules.resources.MemoryLimitRule;
import dev.guardrails.scanner.rules.resources.MemoryRequestRule;
import dev.guardrails.scanner.rules.secrets.PlaintextSecretRule;
import java.util.List;

/** Resources, probes, images, availability, networking, namespaces, secrets, APIs, jobs, metadata. */
final class OperationsRuleSet {

    private OperationsRuleSet() {
    }

    static List<Rule> rules() {
        return List.of(
                new CpuRequestRule(),
                new MemoryRequestRule(),
                new MemoryLimitRule(),
                new CpuLimitRule(),
                new ReadinessProbeRule(),
                new LivenessProbeRule(),
                new IdenticalProbesRule(),
                new LatestTagRule(),
                new ImageDigestRule(),
                new AllowedRegistryRule(),
                new PodDisruptionBudgetRule(),
                new SingleReplicaRule(),
                new TopologySpreadRule(),
                new RollingUpdateRule(),
                new HpaReplicasRule(),
                new NetworkPolicyRule(),
                new LimitRangeRule(),
                new ResourceQuotaRule(),
                new PlaintextSecretRule(),
                new DeprecatedApiRule(),
                new RemovedApiRule(),
                new CronJobDeadlineRule(),
                new CronJobConcurrencyRule(),
                new JobDeadlineRule(),
                new JobBackoffRule(),
                new JobTtlRule(),
                new RequiredLabelsRule(),
                new AdmissionPolicyRule());
    }
}
