package dev.guardrails.scanner.rules.exposure;

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

/** An Ingress rule without a host, or with a wildcard one, catches traffic for other teams' hosts. */
public final class IngressWildcardHostRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "ingress-host-wildcard",
            "Ingress rule matches any host",
            Category.NETWORKING,
            Severity.LOW,
            "A rule without a host (or with a wildcard) matches every request the ingress controller "
                    + "receives that no more specific rule claims, so one app can capture traffic meant "
                    + "for another, and typos in DNS silently land on it.",
            "Set spec.rules[].host to the exact host name the app serves.").withDefaultMode(Mode.AUDIT);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        if (!"Ingress".equals(object.kind())) {
            return List.of();
        }
        List<Violation> out = new ArrayList<>();
        JsonNode rules = object.at("spec.rules");
        String name = "Ingress \"" + object.name() + "\"";
        for (int i = 0; i < rules.size(); i++) {
            String host = rules.get(i).path("host").asText("");
            String path = FieldPath.index("spec.rules", i);
            if (host.isEmpty()) {
                out.add(new Violation(path, name + " has a rule without a host"));
            } else if (host.startsWith("*")) {
                out.add(new Violation(FieldPath.key(path, "host"), name + " has a wildcard host " + host));
            }
        }
        if (rules.isEmpty() && object.at("spec.defaultBackend").isObject()) {
            out.add(new Violation("spec.defaultBackend", name + " sends every host to its default backend"));
        }
        return out;
    }
}
