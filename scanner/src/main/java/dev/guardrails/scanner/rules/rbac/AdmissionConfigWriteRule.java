package dev.guardrails.scanner.rules.rbac;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;
import java.util.Optional;

/** A role may change the cluster's admission webhooks or policies. */
public final class AdmissionConfigWriteRule extends GrantCheck {

    private static final List<String> RESOURCES = List.of(
            "validatingwebhookconfigurations", "mutatingwebhookconfigurations",
            "validatingadmissionpolicies", "validatingadmissionpolicybindings",
            "mutatingadmissionpolicies", "mutatingadmissionpolicybindings");

    private static final RuleInfo INFO = RuleInfo.of(
            "rbac-admission-config-write",
            "Role may change admission webhooks or policies",
            Category.RBAC,
            Severity.HIGH,
            "Admission webhooks and policies see and may rewrite every object sent to the API server: whoever "
                    + "can change them can switch off the platform's guardrails or inject containers into any pod.",
            "Keep write access to admission configuration with the platform team; grant get, list and watch "
                    + "if the workload only needs to read it.")
            .withDefaultMode(Mode.WARN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    Optional<Violation> check(ManifestObject role, Grant grant) {
        // cert-manager's cainjector and similar controllers patch only the objects they are named for.
        if (grant.narrowedByName()) {
            return Optional.empty();
        }
        return namedResource(role, grant, "admissionregistration.k8s.io", RESOURCES,
                List.of("create", "update", "patch", "delete", "deletecollection"), "may change admission control");
    }
}
