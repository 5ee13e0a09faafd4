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

/** A Service's numeric targetPort is not among the ports its selected containers declare. */
public final class ServiceTargetPortNumberRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "service-target-port-undeclared",
            "Service targetPort number is not a declared container port",
            Category.REFERENCES,
            Severity.LOW,
            "When the selected containers list their ports and the Service targets another number, the "
                    + "Service most likely points at a port nothing listens on (a stale or mistyped number).",
            "Set targetPort to one of the containers' ports, preferably by name, or declare the port the "
                    + "container really listens on.")
            .withDefaultMode(Mode.AUDIT);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        var pods = Services.selectedPods(object, context.bundle());
        // Declaring container ports is optional: only a container that lists some is judged.
        if (pods.isEmpty()
                || AppPods.mayHaveOperatorObjects(context.bundle(), context.bundle().namespaceOf(object))
                || !Services.declaresPorts(pods)) {
            return List.of();
        }
        List<Violation> out = new ArrayList<>();
        JsonNode ports = object.at("spec.ports");
        for (int i = 0; i < AppObjects.length(ports); i++) {
            JsonNode port = ports.get(i);
            JsonNode target = port.path("targetPort");
            String path = FieldPath.key(FieldPath.index("spec.ports", i), "targetPort");
            int number;
            if (target.isIntegralNumber()) {
                number = target.asInt();
            } else if (target.isTextual() && target.asText().matches("\\d+")) {
                number = Integer.parseInt(target.asText());
            } else if (target.isMissingNode() || target.isNull()) {
                number = port.path("port").asInt(-1); // targetPort defaults to port
                path = FieldPath.key(FieldPath.index("spec.ports", i), "port");
            } else {
                continue;
            }
            if (number > 0 && !Services.exposes(pods, null, number)) {
                out.add(new Violation(path, "Service \"" + object.name() + "\" targets port " + number
                        + ", which no selected container declares"));
            }
        }
        return out;
    }
}
