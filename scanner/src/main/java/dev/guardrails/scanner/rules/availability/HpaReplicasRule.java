package dev.guardrails.scanner.rules.availability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.ArrayList;
import java.util.List;

/** A HorizontalPodAutoscaler has a sane replica range under the configured ceiling. */
public final class HpaReplicasRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "hpa-max-replicas",
            "Autoscaler replica range is too large or inverted",
            Category.AVAILABILITY,
            Severity.MEDIUM,
            "An autoscaler allowed to add very many replicas can exhaust the cluster or a "
                    + "downstream database under a traffic spike or a metrics bug; minReplicas above "
                    + "maxReplicas is rejected by the API server.",
            "Lower spec.maxReplicas to at most the configured maxHpaReplicas, keeping "
                    + "spec.minReplicas at or below it.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        if (!"HorizontalPodAutoscaler".equals(object.kind())) {
            return List.of();
        }
        List<Violation> out = new ArrayList<>();
        String name = "HorizontalPodAutoscaler \"" + object.name() + "\"";
        JsonNode max = object.at("spec.maxReplicas");
        JsonNode min = object.at("spec.minReplicas");
        int ceiling = context.settings().maxHpaReplicas();
        if (max.isIntegralNumber() && max.intValue() > ceiling) {
            out.add(new Violation("spec.maxReplicas",
                    name + " allows " + max.intValue() + " replicas, more than the limit of " + ceiling));
        }
        if (max.isIntegralNumber() && min.isIntegralNumber() && min.intValue() > max.intValue()) {
            out.add(new Violation("spec.minReplicas",
                    name + " has minReplicas " + min.intValue() + " above maxReplicas " + max.intValue()));
        }
        return out;
    }
}
