package dev.guardrails.scanner.rules.references;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.FieldPath;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import java.util.ArrayList;
import java.util.List;

/** A Service's named targetPort is not a port name of any container it selects. */
public final class ServiceTargetPortNameRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "service-target-port-name-unknown",
            "Service targetPort names no port of the selected containers",
            Category.REFERENCES,
            Severity.HIGH,
            "A named targetPort is resolved against the ports the selected containers declare; when none "
                    + "declares that name the Service port has no endpoints and every connection fails.",
            "Use a name from the containers' ports (ports[].name), or add that name to the container port.")
            .withDefaultMode(Mode.WARN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        var pods = Services.selectedPods(object, context.bundle());
        if (pods.isEmpty()
                || AppPods.mayHaveOperatorObjects(context.bundle(), context.bundle().namespaceOf(object))) {
            return List.of();
        }
        List<Violation> out = new ArrayList<>();
        JsonNode ports = object.at("spec.ports");
        for (int i = 0; i < AppObjects.length(ports); i++) {
            JsonNode target = ports.get(i).path("targetPort");
            if (target.isTextual() && !target.asText().matches("\\d+") && !Services.exposes(pods, target.asText(), 0)) {
                out.add(new Violation(FieldPath.key(FieldPath.index("spec.ports", i), "targetPort"),
                        "Service \"" + object.name() + "\" targets port \"" + target.asText()
                                + "\", which no selected container declares"));
            }
        }
        return out;
    }
}
