package dev.guardrails.scanner.rules.rbac;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;
import java.util.Optional;

/** A role may create workload controllers, which create pods on its behalf. */
public final class CreateWorkloadsRule extends GrantCheck {

    private static final List<String> APPS = List.of("deployments", "statefulsets", "daemonsets", "replicasets");
    private static final List<String> BATCH = List.of("jobs", "cronjobs");

    private static final RuleInfo INFO = RuleInfo.of(
            "rbac-create-workloads",
            "Role may create workload controllers",
            Category.RBAC,
            Severity.MEDIUM,
            "Creating a Deployment, DaemonSet, StatefulSet, ReplicaSet, Job or CronJob launches pods with any "
                    + "service account and Secret of the namespace, the same power as creating pods directly.",
            "Remove create on workload kinds unless the holder is a deployment tool scoped to its own namespace.")
            .withDefaultMode(Mode.AUDIT);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    Optional<Violation> check(ManifestObject role, Grant grant) {
        Optional<Violation> apps = namedResource(role, grant, "apps", APPS, List.of("create"), "may create workloads");
        if (apps.isPresent()) {
            return apps;
        }
        Optional<Violation> batch = namedResource(role, grant, "batch", BATCH, List.of("create"), "may create workloads");
        return batch.isPresent() ? batch
                : namedResource(role, grant, "", List.of("replicationcontrollers"), List.of("create"), "may create workloads");
    }
}
