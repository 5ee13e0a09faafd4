package dev.guardrails.scanner.rules.references;

import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;
import java.util.Optional;

/** A pod runs as a ServiceAccount the app does not define. */
public final class ServiceAccountMissingRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "service-account-missing",
            "Pod runs as a ServiceAccount the app does not define",
            Category.REFERENCES,
            Severity.MEDIUM,
            "The API server refuses pods whose ServiceAccount does not exist, so the workload's ReplicaSet "
                    + "or Job creates nothing while Argo CD reports the sync as done.",
            "Add the ServiceAccount to the app, fix spec.serviceAccountName, or list the name under "
                    + "platformObjects.serviceAccounts in .guardrails.yaml when the platform creates it.")
            .withDefaultMode(Mode.WARN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        Optional<PodTemplate> pod = PodTemplate.of(object);
        if (pod.isEmpty()) {
            return List.of();
        }
        String field = "serviceAccountName";
        String name = pod.get().spec().path(field).asText("");
        if (name.isEmpty()) {
            field = "serviceAccount";
            name = pod.get().spec().path(field).asText("");
        }
        String namespace = context.bundle().namespaceOf(object);
        if (name.isEmpty() || name.equals("default")
                || AppObjects.defines(context.bundle(), "ServiceAccount", namespace, name)
                || context.settings().platformObjects().provides("ServiceAccount", namespace, name)) {
            return List.of();
        }
        return List.of(new Violation(pod.get().field(field), "pod runs as ServiceAccount \"" + name
                + "\", which the app does not define in namespace \"" + namespace + "\""));
    }
}
