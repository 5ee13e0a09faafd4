package dev.guardrails.scanner.rules.pods;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.k8s.Container;
import dev.guardrails.scanner.k8s.PodTemplate;
import dev.guardrails.scanner.model.Category;
import dev.guardrails.scanner.model.FieldPath;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.Severity;
import dev.guardrails.scanner.rule.Rule;
import dev.guardrails.scanner.rule.RuleContext;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.Violation;
import dev.guardrails.scanner.rules.podsecurity.SecurityContexts;
import java.util.ArrayList;
import java.util.List;

/** The pod or a container runs with GID 0 (runAsGroup, fsGroup or supplementalGroups). */
public final class RunAsRootGroupRule implements Rule {

    private static final RuleInfo INFO = RuleInfo.of(
            "run-as-root-group",
            "Pod runs with the root group",
            Category.HARDENING,
            Severity.MEDIUM,
            "Group 0 owns much of a container image's filesystem and many host paths; a non-root user "
                    + "in the root group can still read and write them, which defeats runAsNonRoot.",
            "Set runAsGroup and fsGroup to a non-zero GID (for example 10001) and remove 0 from "
                    + "supplementalGroups.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Violation> check(ManifestObject object, RuleContext context) {
        List<Violation> out = new ArrayList<>();
        PodTemplate.of(object).ifPresent(pod -> {
            String what = object.kind() + " \"" + object.name() + "\"";
            for (String field : List.of("runAsGroup", "fsGroup")) {
                JsonNode v = SecurityContexts.podLevel(pod, field);
                if (v.isIntegralNumber() && v.longValue() == 0) {
                    out.add(new Violation(SecurityContexts.podPath(pod, field), what + " sets " + field + " 0"));
                }
            }
            JsonNode groups = SecurityContexts.podLevel(pod, "supplementalGroups");
            for (int i = 0; i < groups.size(); i++) {
                if (groups.get(i).isIntegralNumber() && groups.get(i).longValue() == 0) {
                    out.add(new Violation(FieldPath.index(SecurityContexts.podPath(pod, "supplementalGroups"), i),
                            what + " adds supplemental group 0"));
                }
            }
            for (Container c : pod.allContainers()) {
                JsonNode v = SecurityContexts.containerLevel(c, "runAsGroup");
                if (v.isIntegralNumber() && v.longValue() == 0) {
                    out.add(new Violation(SecurityContexts.containerPath(c, "runAsGroup"),
                            c.describe() + " sets runAsGroup 0"));
                }
            }
        });
        return out;
    }
}
