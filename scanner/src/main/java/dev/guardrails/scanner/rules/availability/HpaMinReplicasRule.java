package dev.guardrails.scanner.rules.availability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.List;

/**
 * An autoscaler that may scale down to a single replica. Runs in audit mode unless configured:
 * dev and preview environments scale to one on purpose, so teams turn it on in their production
 * profile ({@code profiles: [{name: production, rules: {hpa-min-replicas: enforce}}]}).
 */
public final class HpaMinReplicasRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "hpa-min-replicas",
            "Autoscaler may scale down to one replica",
            Category.AVAILABILITY,
            Severity.MEDIUM,
            "With minReplicas 1 (the default) a quiet night leaves one pod, so a node drain, a "
                    + "crash or a rollout takes the service down until the autoscaler reacts.",
            "Set spec.minReplicas to at least 2, and turn this rule on in the production profile "
                    + "(profiles[].rules.hpa-min-replicas: warn or enforce).").withDefaultMode(Mode.AUDIT);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        if (!"HorizontalPodAutoscaler".equals(object.kind())) {
            return List.of();
        }
        JsonNode min = object.at("spec.minReplicas");
        String name = "HorizontalPodAutoscaler \"" + object.name() + "\"";
        if (min.isMissingNode() || min.isNull()) {
            return List.of(new Violation("spec.minReplicas", name + " does not set minReplicas, which defaults to 1"));
        }
        if (min.isIntegralNumber() && min.intValue() < 2) {
            return List.of(new Violation("spec.minReplicas", name + " has minReplicas " + min.intValue()));
        }
        return List.of();
    }
}
