package dev.guardrails.scanner.rules.references;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Set;

/** An autoscaler scales a workload the app does not define. */
public final class HpaTargetRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "hpa-target-missing",
            "Autoscaler targets a workload the app does not define",
            Category.REFERENCES,
            Severity.MEDIUM,
            "A HorizontalPodAutoscaler (or KEDA ScaledObject) whose scaleTargetRef names no workload scales "
                    + "nothing, so the workload it was meant for runs at its static replica count under load.",
            "Set scaleTargetRef to the kind and name of a workload of the app in the same namespace.")
            .withDefaultMode(Mode.WARN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        boolean keda = object.kind().equals("ScaledObject") && object.apiVersion().startsWith("keda.sh/");
        if (!object.kind().equals("HorizontalPodAutoscaler") && !keda) {
            return List.of();
        }
        JsonNode ref = object.at("spec.scaleTargetRef");
        String kind = ref.path("kind").asText(keda ? "Deployment" : "");
        String name = ref.path("name").asText("");
        if (kind.isEmpty() || name.isEmpty()) {
            return List.of();
        }
        Bundle bundle = context.bundle();
        String namespace = bundle.namespaceOf(object);
        if (AppObjects.find(bundle, kind, namespace, name).isPresent()) {
            return List.of();
        }
        return List.of(new Violation("spec.scaleTargetRef.name", object.kind() + " \"" + object.name()
                + "\" scales " + kind + " \"" + name + "\", which the app does not define in namespace \""
                + namespace + "\""));
    }
}
