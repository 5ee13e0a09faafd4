package dev.guardrails.scanner.rules.references;

import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Bundle;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;
import java.util.Map;

/** A Service's selector matches none of the app's pod templates in its namespace. */
public final class ServiceSelectorRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "service-selects-no-pods",
            "Service selector matches no pod of the app",
            Category.REFERENCES,
            Severity.MEDIUM,
            "A Service whose selector matches no pod has no endpoints: clients get connection refused and "
                    + "Ingresses return 503, usually after a label was renamed on one side only.",
            "Make spec.selector a subset of the pod template labels of the workload it fronts.")
            .withDefaultMode(Mode.WARN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        Map<String, String> selector = Services.selector(object);
        Bundle bundle = context.bundle();
        String namespace = bundle.namespaceOf(object);
        if (selector.isEmpty() || !AppPods.judgeable(bundle, namespace)
                || !Services.selectedPods(object, bundle).isEmpty()) {
            return List.of();
        }
        return List.of(new Violation("spec.selector", "Service \"" + object.name() + "\" selects " + selector
                + " but no pod template of the app in namespace \"" + namespace + "\" has those labels"));
    }
}
