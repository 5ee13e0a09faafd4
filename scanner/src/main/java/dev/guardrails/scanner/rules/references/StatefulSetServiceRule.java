package dev.guardrails.scanner.rules.references;

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

/** A StatefulSet's serviceName is not a headless Service of the app. */
public final class StatefulSetServiceRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "statefulset-headless-service-missing",
            "StatefulSet serviceName is not a headless Service of the app",
            Category.REFERENCES,
            Severity.MEDIUM,
            "A StatefulSet's pods get their stable DNS names (pod-0.service) only from the headless "
                    + "Service named in serviceName; without it peers cannot find each other and clustered "
                    + "databases fail to form.",
            "Add a Service with clusterIP: None named as spec.serviceName, selecting the StatefulSet's pods.")
            .withDefaultMode(Mode.WARN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        String serviceName = object.at("spec.serviceName").asText("");
        if (!object.kind().equals("StatefulSet") || serviceName.isEmpty()) {
            return List.of();
        }
        String namespace = context.bundle().namespaceOf(object);
        Optional<ManifestObject> service = Services.named(context.bundle(), namespace, serviceName);
        if (service.isEmpty()) {
            return List.of(new Violation("spec.serviceName", "StatefulSet \"" + object.name() + "\" names Service \""
                    + serviceName + "\", which the app does not define in namespace \"" + namespace + "\""));
        }
        if (!"None".equals(service.get().at("spec.clusterIP").asText(""))) {
            return List.of(new Violation("spec.serviceName", "StatefulSet \"" + object.name() + "\" names Service \""
                    + serviceName + "\", which is not headless (clusterIP: None)"));
        }
        return List.of();
    }
}
